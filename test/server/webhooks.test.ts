// The webhooks served ahead of express: only a POST to one of their paths is taken, and a handler that throws is a
// logged 500, not the end of the process.
import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createInFlight } from '../../adapters/server/in-flight';
import { createLogger } from '../../adapters/server/logger';
import { webhooks } from '../../adapters/server/webhooks';
import type { NodeHandler } from '../../adapters/http/answer';

describe('platform webhooks ahead of express', () => {
  let server: Server;
  let base: string;
  let draining = false;
  const lines: Array<Record<string, unknown>> = [];
  before(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const lane = webhooks({
      routes: new Map<string, NodeHandler>([
        ['/api/messages', (_req, res) => void res.writeHead(202).end()],
        ['/slack/events', () => {
          throw new Error('a handler bug');
        }],
      ]),
      draining: () => draining,
      inFlight: createInFlight(),
      logger: createLogger({ level: 'info', destination }),
    });
    // Whatever the lane leaves is express's: here a 418 stands for it.
    server = createServer((req, res) => void (lane(req, res) || res.writeHead(418).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('takes a POST to its paths, and leaves other methods, other paths and a draining server to express', async () => {
    assert.equal((await fetch(`${base}/api/messages?x=1`, { method: 'POST', body: '{}' })).status, 202);
    assert.equal((await fetch(`${base}/api/messages`)).status, 418);
    assert.equal((await fetch(`${base}/api/messages/`, { method: 'POST', body: '{}' })).status, 418);
    draining = true;
    assert.equal((await fetch(`${base}/api/messages`, { method: 'POST', body: '{}' })).status, 418);
    draining = false;
  });

  it('answers a handler that throws with a logged 500 and its request id', async () => {
    const res = await fetch(`${base}/slack/events`, { method: 'POST', body: 'x', headers: { 'x-request-id': 'slack-9b1c' } });
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('x-request-id'), 'slack-9b1c');
    assert.deepEqual(await res.json(), { error: 'Something went wrong on our side. Please try again.', requestId: 'slack-9b1c' });
    assert.ok(lines.some((l) => l.msg === 'request failed' && (l.err as { message?: string } | undefined)?.message === 'a handler bug'));
    assert.equal((await fetch(`${base}/api/messages`, { method: 'POST', body: '{}' })).status, 202, 'the server still answers');
  });
});
