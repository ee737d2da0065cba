import { strict as assert } from 'node:assert';
import express from 'express';
import type { MeetingSpec } from '../../src/meetings/ports';
import { isBotError } from '../../src/errors';
import { createGraphBackend, createMemoryDirectoryCache } from '../../adapters/graph';
import { failureCode, listen, localBackend, person, silentLogger } from './helpers';

const alice = person('alice');
const bob = person('bob');

function spec(externalId: string): MeetingSpec {
  const start = new Date('2030-02-01T09:00:00Z');
  return { externalId, organizer: alice, subject: 'Resilience', start, end: new Date(start.getTime() + 15 * 60_000), attendees: [bob] };
}

const code = failureCode;

/** A fake Graph that answers every request with `status` and a Graph error body. */
async function fakeGraph(status: number, message: string, errorCode = 'Error') {
  const app = express();
  app.use((_req, res) => {
    res.status(status).type('application/json').send(JSON.stringify({ error: { code: errorCode, message, innerError: { date: '2030-01-01T00:00:00', 'request-id': 'r1' } } }));
  });
  const server = await listen(app);
  const backend = createGraphBackend({
    config: { kind: 'remote', baseUrl: `${server.url}/v1.0`, auth: { kind: 'none' } },
    cache: createMemoryDirectoryCache(),
    logger: silentLogger,
  });
  return { backend, close: server.close };
}

describe('graph client resilience', () => {
  it('retries a 429 whose request was already served and still makes exactly one meeting', async () => {
    const t = await localBackend();
    // The first answer is lost behind a 429 after the service made the meeting; createOrGet makes the retry safe.
    let first = true;
    const backend = createGraphBackend({
      config: { kind: 'remote', baseUrl: t.server.url, auth: { kind: 'none' } },
      cache: createMemoryDirectoryCache(),
      logger: silentLogger,
      retry: { baseDelayMs: 1 },
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (!first) return res;
        first = false;
        await res.arrayBuffer();
        return new Response(JSON.stringify({ error: { code: 'TooManyRequests', message: 'Please retry again later.' } }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '0' },
        });
      },
    });
    try {
      const { meeting, created } = await backend.meetings.createOrGet(spec('r-1'));
      assert.equal(created, false, 'the retry found the meeting the first attempt made');
      assert.ok(meeting.joinUrl);
      assert.equal(t.inserted(), 1);
    } finally {
      await t.close();
    }
  });

  it('gives up on a persistent 429 after the attempt budget with graph_busy', async () => {
    const t = await localBackend({ faults: { rate429: 1, retryAfterSeconds: 0 } }, { retry: { maxAttempts: 3 } });
    try {
      assert.equal(await code(t.backend.meetings.createOrGet(spec('r-2'))), 'graph_busy');
      assert.equal(t.fetchSpy.callCount, 3);
      assert.equal(t.inserted(), 0);
    } finally {
      await t.close();
    }
  });

  it('does not wait when Retry-After is beyond the time budget', async () => {
    const t = await localBackend({ faults: { rate429: 1, retryAfterSeconds: 120 } });
    try {
      assert.equal(await code(t.backend.meetings.createOrGet(spec('r-3'))), 'graph_busy');
      assert.equal(t.fetchSpy.callCount, 1);
    } finally {
      await t.close();
    }
  });

  it('answers graph_unavailable for a persistent 503', async () => {
    const t = await localBackend({ faults: { rate503: 1, retryAfterSeconds: 0 } });
    try {
      assert.equal(await code(t.backend.meetings.get(alice.id, 'x')), 'graph_unavailable');
      assert.equal(t.fetchSpy.callCount, 4, 'the default budget is four attempts');
    } finally {
      await t.close();
    }
  });

  it('answers graph_timeout for a persistent 504', async () => {
    const t = await localBackend({ faults: { rate504: 1 } }, { retry: { maxAttempts: 2 } });
    try {
      assert.equal(await code(t.backend.meetings.createOrGet(spec('r-4'))), 'graph_timeout');
    } finally {
      await t.close();
    }
  });

  it('answers graph_timeout when the service is slower than the timeout', async () => {
    const t = await localBackend({ faults: { latencyMs: 300 } }, { timeoutMs: 30 });
    try {
      assert.equal(await code(t.backend.meetings.createOrGet(spec('r-5'))), 'graph_timeout');
    } finally {
      await t.close();
    }
  });

  it('answers graph_unavailable when the connection is dropped', async () => {
    const t = await localBackend({ faults: { dropRate: 1 } });
    try {
      assert.equal(await code(t.backend.meetings.createOrGet(spec('r-6'))), 'graph_unavailable');
    } finally {
      await t.close();
    }
  });

  it('answers graph_unavailable when nothing listens', async () => {
    const server = await listen(express());
    await server.close();
    const backend = createGraphBackend({ config: { kind: 'remote', baseUrl: `${server.url}/v1.0`, auth: { kind: 'none' } }, cache: createMemoryDirectoryCache(), logger: silentLogger });
    assert.equal(await code(backend.meetings.get(alice.id, 'x')), 'graph_unavailable');
  });

  it('answers graph_auth_failed for a 401', async () => {
    const g = await fakeGraph(401, 'Access token is empty.', 'InvalidAuthenticationToken');
    try {
      assert.equal(await code(g.backend.meetings.createOrGet(spec('r-7'))), 'graph_auth_failed');
    } finally {
      await g.close();
    }
  });

  it('answers graph_forbidden with the detail for a 403 that is not about the access policy', async () => {
    const g = await fakeGraph(403, 'Insufficient privileges to complete the operation.', 'Authorization_RequestDenied');
    try {
      await assert.rejects(g.backend.meetings.createOrGet(spec('r-8')), (error: unknown) => {
        assert.ok(isBotError(error));
        assert.equal(error.code, 'graph_forbidden');
        assert.equal(error.params.detail, 'Insufficient privileges to complete the operation.');
        return true;
      });
    } finally {
      await g.close();
    }
  });

  it('with 30% injected 429s, 200 creations yield 200 meetings and no duplicates', async () => {
    // Concurrent requests draw the seeded faults in whatever order they arrive: with 8 attempts one creation in 200
    // ran out of them about once a hundred runs (0.3^8 × 200); with 12 that is once in ten thousand.
    const t = await localBackend({ faults: { rate429: 0.3, retryAfterSeconds: 0 }, seed: 42 }, { retry: { maxAttempts: 12 } });
    try {
      const results = [];
      for (let batch = 0; batch < 10; batch++) {
        results.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => t.backend.meetings.createOrGet(spec(`chaos-${batch * 20 + i}`))))));
      }
      assert.equal(results.length, 200);
      assert.equal(new Set(results.map((r) => r.meeting.id)).size, 200);
      assert.equal(t.inserted(), 200);
      assert.ok(t.fetchSpy.callCount > 200, 'some requests were throttled and retried');
    } finally {
      await t.close();
    }
  });
});
