// Malformed, oversized and mistyped bodies on every route get their 4xx with a plain sentence, never a 500.
import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from '../server/start';

const MB10 = 'x'.repeat(10 * 1024 * 1024);

describe('hostile bodies on the local server', function () {
  this.timeout(30_000);
  let t: TestServer;
  before(async () => (t = await startTestServer({})));
  after(async () => t.stop());

  const post = (path: string, body: string, type: string) => fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  const cases: Array<[string, string, string, number]> = [
    ['/playground/api/messages', '{"as":"alice",', 'application/json', 400],
    ['/playground/api/messages', `{"text":"${MB10}"}`, 'application/json', 413],
    ['/playground/api/messages', 'as=alice', 'text/plain', 415],
    ['/playground/api/actions', '[1,2', 'application/json', 400],
    ['/local/meetings/x/join', '{"user":', 'application/json', 400],
    ['/local/meetings/x/join', `user=${MB10}`, 'application/x-www-form-urlencoded', 413],
    ['/local/meetings/x/join', '<user/>', 'application/xml', 415],
    ['/api/messages', '{}', 'application/json', 400],
    ['/api/messages', '{"type":', 'application/json', 400],
    ['/api/messages', `{"type":"message","text":"${MB10}"}`, 'application/json', 413],
    ['/api/messages', 'type=message', 'application/x-www-form-urlencoded', 415],
    ['/api/graph/notifications', '{"value":[', 'application/json', 400],
    ['/api/graph/notifications', `{"value":[],"x":"${MB10}"}`, 'application/json', 413],
    ['/api/graph/notifications', 'value=1', 'application/x-www-form-urlencoded', 415],
    ['/local/graph/v1.0/users/x/onlineMeetings', '{"subject":', 'application/json', 400],
    ['/local/graph/v1.0/users/x/onlineMeetings', `{"subject":"${MB10}"}`, 'application/json', 413],
  ];
  for (const [path, body, type, status] of cases) {
    it(`answers ${status} to ${body.length > 100 ? `a ${Math.round(body.length / 1048576)} MB body` : JSON.stringify(body)} as ${type} on ${path}`, async () => {
      const res = await post(path, body, type);
      assert.equal(res.status, status);
      const text = await res.text();
      assert.doesNotMatch(text, /SyntaxError|at \w+ \(|node_modules|entity\.too\.large|Unexpected/);
    });
  }

  it('keeps the reason in the log', () => {
    assert.ok(t.logs().some((l) => /refused/.test(String(l.msg)) && /JSON|Unexpected|Expected/.test(String(l.reason))));
  });
});
