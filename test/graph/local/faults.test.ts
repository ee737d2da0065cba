// Fault injection: throttling, outages, timeouts and dropped connections happen before any side effect.
import { strict as assert } from 'node:assert';
import { DEFAULT_DIRECTORY, parseFaults } from '../../../adapters/graph/local';
import { assertGraphError, call, localGraphServers } from './helpers';

const alice = DEFAULT_DIRECTORY[0]!;

describe('local Graph: fault injection', () => {
  const start = localGraphServers();

  it('answers 429 TooManyRequests with Retry-After, and a throttled create makes no meeting', async () => {
    const s = await start({ faults: { rate429: 1, retryAfterSeconds: 2 } });
    const a = await call(s.url, 'POST', `/users/${alice.id}/onlineMeetings/createOrGet`, { externalId: 'throttled' });
    assertGraphError(a, 429, 'TooManyRequests');
    assert.equal(a.headers.get('retry-after'), '2');
    // Looking behind the HTTP face: nothing was stored.
    const direct = await s.graph.dispatch({ method: 'POST', segments: ['users', alice.id, 'onlineMeetings', 'createOrGet'], query: new URLSearchParams(), headers: {}, body: { externalId: 'throttled' }, requestId: 'r', serviceRoot: s.url }, false);
    assert.equal(direct.status, 201);
  });

  it('answers 503 with Retry-After and 504 without', async () => {
    const s503 = await start({ faults: '503=1' });
    const a = await call(s503.url, 'GET', '/users');
    assertGraphError(a, 503, 'serviceNotAvailable');
    assert.equal(a.headers.get('retry-after'), '1');
    const s504 = await start({ faults: '504=1' });
    const b = await call(s504.url, 'GET', '/users');
    assertGraphError(b, 504, 'GatewayTimeout');
    assert.equal(b.headers.get('retry-after'), null);
  });

  it('drops the connection without an answer', async () => {
    const s = await start({ faults: 'drop=1' });
    await assert.rejects(fetch(`${s.url}/users`), /fetch failed/);
  });

  it('adds latency and still answers', async () => {
    const s = await start({ faults: 'latency=20' });
    assert.equal((await call(s.url, 'GET', '/users')).status, 200);
  });

  it('throttles batch items one by one, each with its own Retry-After', async () => {
    // Seeded: the draws for the batch itself and its items are the same every run.
    const s = await start({ faults: '429=0.5,retryAfter=0', seed: 7 });
    let batch;
    for (let i = 0; i < 20 && (!batch || batch.status !== 200); i++) {
      batch = await call(s.url, 'POST', '/$batch', { requests: Array.from({ length: 10 }, (_, j) => ({ id: String(j), method: 'GET', url: '/users' })) });
    }
    assert.equal(batch?.status, 200);
    const statuses = (batch?.body.responses as { status: number; headers: Record<string, string> }[]);
    assert.ok(statuses.some((r) => r.status === 429) && statuses.some((r) => r.status === 200));
    assert.ok(statuses.filter((r) => r.status === 429).every((r) => r.headers['retry-after'] === '0'));
  });

  it('gives the same faults for the same seed', async () => {
    const run = async () => {
      const s = await start({ faults: '429=0.3,503=0.2', seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 15; i++) out.push((await call(s.url, 'GET', '/users')).status);
      return out;
    };
    const first = await run();
    assert.deepEqual(await run(), first);
    assert.ok(first.includes(429) && first.includes(200));
  });

  it('parses MEETBOT_LOCAL_FAULTS and explains a bad one', () => {
    assert.deepEqual(parseFaults('429=0.3, 503=0.05,latency=50,drop=0.01,retryAfter=0'), { rate429: 0.3, rate503: 0.05, latencyMs: 50, dropRate: 0.01, retryAfterSeconds: 0 });
    assert.throws(() => parseFaults('418=0.1'), /unknown fault "418"/);
    assert.throws(() => parseFaults('429=lots'), /needs a number/);
    assert.throws(() => parseFaults('429=2'), /share of requests from 0 to 1/);
    assert.throws(() => parseFaults('429=0.6,503=0.6'), /add up to more than 1/);
  });
});
