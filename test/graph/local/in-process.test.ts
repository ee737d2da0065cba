// The embedded default's in-process transport answers as the local Graph's HTTP face does, on the same store.
import { strict as assert } from 'node:assert';
import { DEFAULT_DIRECTORY } from '../../../adapters/graph/local';
import { isDroppedConnection } from '../../../adapters/graph/retry';
import { assertGraphError, call, localGraphServers, type Answer } from './helpers';

const alice = DEFAULT_DIRECTORY[0]!;

async function read(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

describe('local Graph: the in-process transport', () => {
  const start = localGraphServers();

  it('creates a meeting that the HTTP face then serves, with the same shape it would have answered', async () => {
    const s = await start();
    const inProcess = s.graph.inProcessFetch(() => s.url);
    const body = JSON.stringify({ externalId: 'slack:T024BE7LH:C024BE91L:1712345678.000100', subject: 'Design review', startDateTime: '2026-12-02T14:00:00Z', endDateTime: '2026-12-02T14:30:00Z' });
    const made = await read(await inProcess(`${s.url}/users/${alice.id}/onlineMeetings/createOrGet`, { method: 'POST', headers: { 'content-type': 'application/json', 'client-request-id': 'b5a3d0f2-1c4e-4f7a-8e9d-0a1b2c3d4e5f' }, body }));
    assert.equal(made.status, 201);
    assert.equal(made.body.subject, 'Design review');
    assert.ok(String(made.body['@odata.context']).startsWith(s.url), 'OData context on the service root, as over HTTP');
    assert.ok(made.headers.get('request-id'));
    const again = await call(s.url, 'POST', `/users/${alice.id}/onlineMeetings/createOrGet`, JSON.parse(body));
    assert.equal(again.status, 200, 'over HTTP the same externalId finds the meeting made in-process');
    assert.equal(again.body.id, made.body.id);
    assert.deepEqual(Object.keys(again.body).sort(), Object.keys(made.body).sort());
  });

  it('refuses a body that is not JSON with 415, as the HTTP face does', async () => {
    const s = await start();
    const answer = await read(await s.graph.inProcessFetch(() => s.url)(`${s.url}/users/${alice.id}/onlineMeetings`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'subject=x' }));
    assertGraphError(answer, 415, 'UnsupportedMediaType');
  });

  it('answers injected throttling with Graph\'s envelope and Retry-After', async () => {
    const s = await start({ faults: { rate429: 1, retryAfterSeconds: 2 } });
    const answer = await read(await s.graph.inProcessFetch(() => s.url)(`${s.url}/users`));
    assertGraphError(answer, 429, 'TooManyRequests');
    assert.equal(answer.headers.get('retry-after'), '2');
  });

  it('fails an injected drop as a dropped connection, which the retry recognises', async () => {
    const s = await start({ faults: 'drop=1' });
    const err = await s.graph.inProcessFetch(() => s.url)(`${s.url}/users`).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof TypeError && err.message === 'fetch failed');
    assert.ok(isDroppedConnection(err));
  });

  it('answers nothing outside its own root', async () => {
    const s = await start();
    await assert.rejects(s.graph.inProcessFetch(() => s.url)('https://graph.microsoft.com/v1.0/users'), /is not under/);
  });
});
