// A lone UTF-16 surrogate is valid JSON; at the edge it becomes U+FFFD, and the person still gets an answer.
import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { wellFormed, wellFormedDeep } from '../../adapters/unicode';
import { queryFor } from '../../adapters/graph/directory';
import { startTestServer, type TestServer } from '../server/start';
import { FakeSlack } from '../slack/fake-slack';
import { eventually, fixture } from '../slack/harness';

const SECRET = 'b1f5e0c4a7d94f6e8c2a3b5d7e9f1a2c';

describe('ill-formed Unicode at the edges', function () {
  this.timeout(30_000);

  it('replaces lone surrogates, keeps pairs, and normalises to NFC', () => {
    assert.equal(wellFormed('a\ud800b\udfffc'), 'a\ufffdb\ufffdc');
    assert.equal(wellFormed('😀'), '😀');
    assert.equal(wellFormed('e\u0301'), 'é');
    assert.deepEqual(wellFormedDeep({ user: '\ud800', list: ['\udc00', 7, null] }), { user: '\ufffd', list: ['\ufffd', 7, null] });
  });

  it('makes keys well-formed too, and keeps a "__proto__" key an own property that changes no prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"isAdmin": true}, "te\\ud800xt": "Обзор", "nested": [{"__proto__": "x"}]}') as unknown;
    const copy = wellFormedDeep(parsed) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.equal((copy as { isAdmin?: unknown }).isAdmin, undefined);
    assert.deepEqual(Object.keys(copy), ['__proto__', 'te\ufffdxt', 'nested']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value, { isAdmin: true });
    assert.equal(copy['te\ufffdxt'], 'Обзор');
    assert.ok(Object.hasOwn((copy.nested as object[])[0] ?? {}, '__proto__'));
  });

  it('builds a directory query for an id with a lone surrogate instead of throwing', () => {
    assert.match(queryFor({ platform: 'slack', id: 'U024BE7LH\ud800' })?.url ?? '', /%EF%BF%BD/);
  });

  describe('a Slack mention from a user id "\\ud800"', () => {
    let slack: FakeSlack;
    let t: TestServer;
    before(async () => {
      slack = new FakeSlack();
      await slack.start();
      t = await startTestServer({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-2147483705-unicode-test', SLACK_API_URL: slack.apiUrl });
    });
    after(async () => {
      await t.stop();
      await slack.close();
    });

    it('gets a friendly answer in the channel', async () => {
      const envelope = fixture<Record<string, unknown>>('app-mention.json');
      const body = JSON.stringify({ ...envelope, event_id: 'Ev0SURROGATE', event: { ...(envelope.event as object), user: '\ud800' } });
      assert.match(body, /\\ud800/);
      const ts = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      const res = await fetch(`${t.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }, body });
      assert.equal(res.status, 200);
      const answer = await eventually(() => slack.calls.find((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral'));
      assert.ok(typeof answer.args.text === 'string' && answer.args.text.length > 0);
      assert.doesNotMatch(String(answer.args.text), /URIError|malformed/i);
      assert.equal(t.logs().filter((l) => /URIError/.test(JSON.stringify(l))).length, 0);
    });
  });
});
