// The server logger never writes a secret: by field name, or by value wherever it appears.
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { loadConfig } from '../../adapters/config';
import { createLogger, secretValues } from '../../adapters/server/logger';

function capture(secrets: string[]) {
  let out = '';
  const destination = new Writable({
    write(chunk: Buffer, _e, done) {
      out += chunk.toString();
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', secrets, destination }), output: () => out };
}

describe('server logger', () => {
  it('masks configured secret values anywhere in a line and redacts secret fields by name', () => {
    const env = { SLACK_SIGNING_SECRET: 'sig-secret-0a1b2c', SLACK_BOT_TOKEN: 'xoxb-bot-token-3d4e5f', DATABASE_URL: 'postgres://meetbot:pg-pass-778899@db:5432/meetbot' };
    const loaded = loadConfig(env);
    assert.ok(loaded.ok);
    const { logger, output } = capture(secretValues(loaded.config, env));
    logger.info({ headers: { authorization: 'Bearer abc.def.ghi' } }, 'request');
    logger.warn({ detail: 'Slack said xoxb-bot-token-3d4e5f is invalid', nested: { url: env.DATABASE_URL } }, 'slack failed with sig-secret-0a1b2c');
    logger.error({ clientSecret: 'anything', token: 'anything-else' }, 'graph');
    const text = output();
    for (const secret of ['abc.def.ghi', 'xoxb-bot-token-3d4e5f', 'sig-secret-0a1b2c', 'pg-pass-778899', 'anything-else']) {
      assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    }
    assert.match(text, /\[redacted\]/);
  });

  it('treats every secret-looking environment variable as a secret', () => {
    assert.deepEqual(secretValues(undefined, { MY_API_TOKEN: 'tok-123456', HOME: '/root', SHORT_SECRET: 'abc' }), ['tok-123456']);
  });
});
