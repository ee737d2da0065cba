// The composed server in-process: readiness names what fails, shutdown finishes work in flight, unknown paths get JSON,
// Graph's subscription handshake is answered, the platforms' webhooks are served like every other request.
import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from './start';

/** Sends a playground command and, once the bot has it, asks the server to stop: the command's answer and the stop. */
async function stopWithCommandInFlight(t: TestServer): Promise<{ pending: Promise<Response>; stopping: Promise<void> }> {
  const pending = fetch(`${t.url}/playground/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: 'alice', conversation: 'general', text: '/meet now Last words' }),
  });
  while (!(await t.server.metrics.commands.get()).values.some((v) => v.value > 0)) await new Promise((r) => setImmediate(r));
  return { pending, stopping: t.server.close() };
}

describe('meetbot server', function () {
  this.timeout(30_000);
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('is not ready, and says which check failed, when the meeting service does not answer', async () => {
    t = await startTestServer({ GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0' });
    const res = await fetch(`${t.url}/readyz`);
    const body = (await res.json()) as { status: string; checks: Record<string, string>; failed: string[] };
    assert.equal(res.status, 503);
    assert.deepEqual([body.status, body.checks.store, body.failed], ['unavailable', 'ok', ['meetings']]);
    assert.equal(t.server.playground, false, 'no playground without the local meeting service');
  });

  it('finishes a command in flight before it stops, then refuses new connections', async () => {
    t = await startTestServer({ MEETBOT_LOCAL_FAULTS: 'latency=300' });
    const url = t.url;
    const { pending, stopping } = await stopWithCommandInFlight(t);
    const res = await pending;
    const body = (await res.json()) as { messages: Array<{ card?: unknown }> };
    assert.equal(res.status, 200);
    assert.ok(body.messages.some((m) => m.card), 'the meeting card was still delivered');
    await stopping;
    await assert.rejects(fetch(`${url}/healthz`));
  });

  it('answers unknown paths with JSON 404 and honours x-request-id', async () => {
    t = await startTestServer();
    const res = await fetch(`${t.url}/nope`, { headers: { 'x-request-id': 'abc-123' } });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-request-id'), 'abc-123');
    assert.deepEqual(await res.json(), { error: 'Not found.' });
  });

  it('answers Graph\'s subscription handshake with the token as plain text, and logs it without the token', async () => {
    t = await startTestServer({ LOG_LEVEL: 'info' });
    const token = 'Validation: Testing client application reachability for subscription Request-Id: 3b6b4f5c-8e2d-4a1f-9c7e-5d2a1b0c9e8f';
    const res = await fetch(`${t.url}/api/graph/notifications?validationToken=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(await res.text(), token);
    const line = t.logs().find((l) => l.msg === 'request' && l.requestId === res.headers.get('x-request-id'));
    assert.deepEqual(line && [line.method, line.path, line.status], ['POST', '/api/graph/notifications', 200]);
    assert.ok(!JSON.stringify(t.logs()).includes('Request-Id: 3b6b4f5c'), 'the token is not logged');
  });

  it('leaves a handshake with two tokens to the notification handler, which refuses it', async () => {
    t = await startTestServer();
    const res = await fetch(`${t.url}/api/graph/notifications?validationToken=a&validationToken=b`, { method: 'POST' });
    assert.equal(res.status, 400);
    assert.notEqual(await res.text(), 'a');
  });

  it("serves the platforms' webhooks with a request id, nosniff and a log line, query string or not", async () => {
    const server = (t = await startTestServer({ LOG_LEVEL: 'info' }));
    for (const path of ['/api/messages', '/api/messages?source=azure']) {
      const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-request-id': 'teams-7f3a' }, body: 'hello' });
      assert.equal(res.status, 415);
      assert.equal(res.headers.get('x-request-id'), 'teams-7f3a');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(await res.json(), { error: 'Bot Framework activities are sent as application/json.' });
    }
    const lines = server.logs().filter((l) => l.msg === 'request' && l.requestId === 'teams-7f3a');
    assert.deepEqual(lines.map((l) => [l.method, l.path, l.status]), [['POST', '/api/messages', 415], ['POST', '/api/messages', 415]]);
  });

  it("turns the platforms' webhooks away with 503 while it stops, as every other request", async () => {
    t = await startTestServer({ MEETBOT_LOCAL_FAULTS: 'latency=500' });
    const url = t.url;
    const { pending, stopping } = await stopWithCommandInFlight(t);
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), { error: 'meetbot is shutting down; please try again in a moment.' });
    assert.equal((await pending).status, 200);
    await stopping;
  });
});
