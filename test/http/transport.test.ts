// The pooled transport (Graph, the Slack Web API) behaves as fetch does for everything the SDK's chain relies on, over real HTTP.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepAlivePool, pooledFetch, readWhole } from '../../adapters/http/transport';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

describe('Outgoing HTTP transport (pooled keep-alive client)', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url === '/v1.0/subscriptions/gone') return void res.writeHead(204).end();
        if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('{}'), 2_000);
        if (req.url === '/moved') return void res.writeHead(302, { location: '/v1.0/me' }).end();
        res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], 'request-id': '7c0e2c8e-5b1f-4c0a-9d6e-2f4b8a1c3d5e' });
        res.end(JSON.stringify({ id: 'MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi', joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjA' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the method, headers and JSON body, and answers with status, headers and the whole body', async () => {
    const fetchFn = pooledFetch();
    const body = JSON.stringify({ externalId: 'slack:T024BE7LH:C024BE91L:1712345678.000100', subject: 'Standup' });
    const res = await fetchFn(`${base}/v1.0/users/alice/onlineMeetings/createOrGet`, { method: 'POST', headers: new Headers({ 'content-type': 'application/json', authorization: 'Bearer eyJ0eXAi' }), body });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('request-id'), '7c0e2c8e-5b1f-4c0a-9d6e-2f4b8a1c3d5e');
    assert.deepEqual(res.headers.getSetCookie(), ['a=1', 'b=2']);
    assert.equal(((await res.json()) as { id: string }).id, 'MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi');
    assert.ok(readWhole(res), 'read whole: the chain need not read it again');
    const last = seen.at(-1);
    assert.equal(last?.method, 'POST');
    assert.equal(last?.headers.authorization, 'Bearer eyJ0eXAi');
    assert.equal(last?.body, body);
  });

  it('takes headers as pairs or a plain record, and an answer without a body', async () => {
    const fetchFn = pooledFetch();
    const res = await fetchFn(new URL(`${base}/v1.0/subscriptions/gone`), { method: 'DELETE', headers: [['retry-attempt', '2']] });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    assert.equal(seen.at(-1)?.headers['retry-attempt'], '2');
    await fetchFn(`${base}/v1.0/me`, { headers: { 'client-request-id': 'b5a3d0f2-1c4e-4f7a-8e9d-0a1b2c3d4e5f' } });
    assert.equal(seen.at(-1)?.headers['client-request-id'], 'b5a3d0f2-1c4e-4f7a-8e9d-0a1b2c3d4e5f');
  });

  it('follows a redirect as fetch does', async () => {
    const res = await pooledFetch()(`${base}/moved`);
    assert.equal(res.status, 201);
    assert.equal(seen.at(-1)?.url, '/v1.0/me');
  });

  it('hands a redirect back as it is on a pool without redirects (the Slack Web API refuses them)', async () => {
    const before = seen.length;
    const res = await pooledFetch(keepAlivePool(0))(`${base}/moved`, { method: 'POST', body: 'channel=C024BE91L' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/v1.0/me');
    assert.deepEqual(seen.slice(before).map((s) => s.url), ['/moved']);
  });

  it('reads a JSON answer as fetch does: json, text, bytes, a blob, a clone, and only once', async () => {
    const url = `${base}/v1.0/users/alice/onlineMeetings/createOrGet`;
    const expected = { id: 'MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZi', joinWebUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjA' };
    const res = await pooledFetch()(url, { method: 'POST', body: '{}' });
    assert.ok(res instanceof Response);
    const copy = res.clone();
    assert.deepEqual(await res.json(), expected);
    await assert.rejects(res.text(), TypeError, 'a body is read once');
    assert.equal(await copy.text(), JSON.stringify(expected));
    const bytes = new Uint8Array(await (await pooledFetch()(url, { method: 'POST', body: '{}' })).arrayBuffer());
    assert.equal(Buffer.from(bytes).toString('utf8'), JSON.stringify(expected));
    const blob = await (await pooledFetch()(url, { method: 'POST', body: '{}' })).blob();
    assert.equal(blob.type, 'application/json');
    assert.deepEqual(JSON.parse(await blob.text()), expected);
  });

  it('fails as fetch fails: a refused connection is "fetch failed" with the socket error as cause', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await pooledFetch()(`http://127.0.0.1:${port}/v1.0/me`).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof TypeError);
    assert.equal(err.message, 'fetch failed');
    assert.equal((err.cause as { code?: string }).code, 'ECONNREFUSED');
  });

  it('fails with the signal\'s reason when aborted', async () => {
    const reason = new Error('Graph did not answer within 100 ms');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 100);
    const err = await pooledFetch()(`${base}/slow`, { signal: controller.signal }).then(() => undefined, (e: unknown) => e);
    assert.equal(err, reason);
  });

  it('fails as fetch fails when a pool with a time limit hears no answer in time', async () => {
    const err = await pooledFetch(keepAlivePool(0, 100))(`${base}/slow`, { method: 'POST', body: 'channel=C024BE91L' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof TypeError);
    assert.equal(err.message, 'fetch failed');
    assert.equal((err.cause as { code?: string }).code, 'UND_ERR_HEADERS_TIMEOUT');
  });
});
