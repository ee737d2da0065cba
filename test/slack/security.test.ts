import { strict as assert } from 'node:assert';
import { eventually, fixture, sign, slashCommand, startHarness, type Harness } from './harness';

describe('slack adapter: request authenticity', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const now = () => Math.floor(Date.now() / 1000);

  it('rejects a tampered body with 401 and does nothing', async () => {
    const body = new URLSearchParams(slashCommand(h)).toString();
    const headers = sign(body);
    const res = await h.raw(body.replace('Standup', 'Hijack'), { ...form, ...headers });
    assert.equal(res.status, 401);
  });

  it('rejects a signature made with another secret', async () => {
    const body = new URLSearchParams(slashCommand(h)).toString();
    assert.equal((await h.raw(body, { ...form, ...sign(body, now(), 'not-the-secret') })).status, 401);
  });

  it('rejects a timestamp more than five minutes old', async () => {
    const body = new URLSearchParams(slashCommand(h)).toString();
    assert.equal((await h.raw(body, { ...form, ...sign(body, now() - 301) })).status, 401);
  });

  it('rejects a timestamp more than five minutes ahead, which Bolt alone accepts', async () => {
    const body = new URLSearchParams(slashCommand(h)).toString();
    assert.equal((await h.raw(body, { ...form, ...sign(body, now() + 301) })).status, 401);
  });

  it('rejects a request without signature headers', async () => {
    const body = JSON.stringify(fixture('app-mention.json'));
    assert.equal((await h.raw(body, { 'content-type': 'application/json' })).status, 401);
  });

  it('never creates a meeting for a rejected request', async () => {
    await h.adapter.idle();
    assert.equal(h.meetings.count('createOrGet'), 0);
    assert.equal(h.slack.of('chat.postMessage').length, 0);
  });

  it('accepts the same request when it is signed correctly and fresh', async () => {
    assert.equal((await h.command(slashCommand(h))).status, 200);
    await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
  });

  it('logs no secrets', () => {
    const text = JSON.stringify(h.logger.entries);
    assert.doesNotMatch(text, /xoxb-test-token/);
    assert.doesNotMatch(text, /8f742231b10e8888abcd99yyyzzz85a5/);
  });
});
