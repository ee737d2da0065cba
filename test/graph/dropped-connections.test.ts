// A dropped connection is retried where sending the request again is safe (createOrGet, GET, PATCH, DELETE), within the
// same attempts and time budget as 429/503/504, and never for a plain POST that may already have been carried out.
import { strict as assert } from 'node:assert';
import express from 'express';
import sinon from 'sinon';
import type { MeetingSpec } from '../../src/meetings/ports';
import { createGraphBackend, createMemoryDirectoryCache, type GraphBackendOptions } from '../../adapters/graph';
import { createLocalGraph, createMemoryRepo } from '../../adapters/graph/local';
import { isDroppedConnection, isIdempotentRequest } from '../../adapters/graph/retry';
import { failureCode, listen, localBackend, person, silentLogger } from './helpers';

const alice = person('alice');
const bob = person('bob');

function spec(externalId: string): MeetingSpec {
  const start = new Date('2030-03-04T16:00:00Z');
  return { externalId, organizer: alice, subject: 'Design review', start, end: new Date(start.getTime() + 30 * 60_000), attendees: [bob] };
}

const code = failureCode;

/** When a request's connection is dropped: before Graph reads it, or after Graph carried it out and before the answer. */
type Drop = 'before' | 'after';

/**
 * The local Graph behind a front that destroys the socket of the next `drops` requests matching `which`, the way a
 * load balancer or a flaky network does, and logs every request it sees.
 */
async function flakyGraph(which: (method: string, path: string) => boolean, drop: Drop, backendOpts: Partial<GraphBackendOptions> = {}) {
  const repo = createMemoryRepo();
  let created = 0;
  const graph = createLocalGraph({ repo: { ...repo, createOrGet: async (m) => {
    const r = await repo.createOrGet(m);
    if (r.created) created++;
    return r;
  } } });
  const state = { drops: 0, seen: [] as string[] };
  const app = express();
  app.use((req, res, next) => {
    state.seen.push(`${req.method} ${req.path}`);
    if (state.drops > 0 && which(req.method, req.path)) {
      state.drops--;
      if (drop === 'before') {
        req.socket.destroy();
        return;
      }
      res.end = (() => (req.socket.destroy(), res)) as typeof res.end;
    }
    next();
  });
  app.use('/v1.0', graph.router);
  const server = await listen(app);
  const sleep = sinon.spy(async (_ms: number) => undefined);
  const backend = createGraphBackend({
    config: { kind: 'remote', baseUrl: `${server.url}/v1.0`, auth: { kind: 'none' } },
    cache: createMemoryDirectoryCache(),
    logger: silentLogger,
    sleep,
    ...backendOpts,
    retry: { baseDelayMs: 1, maxDelayMs: 50, ...backendOpts.retry },
  });
  const dropNext = (n: number): void => void (state.drops = n);
  const count = (method: string, pathEnd: string): number => state.seen.filter((s) => s.startsWith(`${method} `) && s.endsWith(pathEnd)).length;
  return { backend, sleep, dropNext, count, created: () => created, close: server.close };
}

const createOrGetPath = (method: string, path: string): boolean => method === 'POST' && path.endsWith('/onlineMeetings/createOrGet');

describe('graph client: dropped connections', () => {
  it('retries a createOrGet whose connection dropped before Graph read it, and makes the meeting', async () => {
    const t = await flakyGraph(createOrGetPath, 'before');
    try {
      t.dropNext(1);
      const { meeting, created } = await t.backend.meetings.createOrGet(spec('19:drop-before@thread.v2'));
      assert.equal(created, true);
      assert.match(meeting.joinUrl, /\/local\/meetings\//);
      assert.equal(t.count('POST', '/createOrGet'), 2);
      assert.equal(t.sleep.callCount, 1);
    } finally {
      await t.close();
    }
  });

  it('retries a createOrGet whose answer was lost after Graph made the meeting, and still makes exactly one', async () => {
    const t = await flakyGraph(createOrGetPath, 'after');
    try {
      t.dropNext(2);
      const { meeting } = await t.backend.meetings.createOrGet(spec('19:drop-after@thread.v2'));
      assert.equal(t.count('POST', '/createOrGet'), 3);
      assert.equal(t.created(), 1, 'the repeats found the meeting the first attempt made');
      assert.equal((await t.backend.meetings.get(alice.id, meeting.id)).id, meeting.id);
    } finally {
      await t.close();
    }
  });

  it('retries a GET whose connection dropped', async () => {
    const t = await flakyGraph((method) => method === 'GET', 'before');
    try {
      const { meeting } = await t.backend.meetings.createOrGet(spec('19:get@thread.v2'));
      t.dropNext(2);
      const got = await t.backend.meetings.get(alice.id, meeting.id);
      assert.equal(got.id, meeting.id);
      assert.equal(t.count('GET', `/onlineMeetings/${meeting.id}`), 3);
    } finally {
      await t.close();
    }
  });

  it('with 2% of connections dropped, 200 commands in a row all get their meeting, each made once', async () => {
    const t = await localBackend({ faults: { dropRate: 0.02 }, seed: 20261201 });
    try {
      for (let i = 0; i < 200; i++) await t.backend.meetings.createOrGet(spec(`19:burst-${i}@thread.v2`));
      assert.equal(t.inserted(), 200);
      assert.ok(t.fetchSpy.callCount > 200, 'some connections were dropped and retried');
    } finally {
      await t.close();
    }
  });

  it('does not repeat a plain POST whose connection dropped: it may have been carried out', async () => {
    const t = await flakyGraph((method, path) => method === 'POST' && path.endsWith('/subscriptions'), 'before');
    try {
      const { meeting } = await t.backend.meetings.createOrGet(spec('19:subscribe@thread.v2'));
      t.dropNext(1);
      assert.equal(await code(t.backend.subscribeCallEvents(meeting.joinUrl, 'http://127.0.0.1:3978/api/graph/notifications')), 'graph_unavailable');
      assert.equal(t.count('POST', '/subscriptions'), 1);
      assert.equal(t.sleep.callCount, 0);
    } finally {
      await t.close();
    }
  });

  it('gives up on a connection that keeps dropping after the attempt budget', async () => {
    const t = await flakyGraph(createOrGetPath, 'before', { retry: { maxAttempts: 3 } });
    try {
      t.dropNext(100);
      assert.equal(await code(t.backend.meetings.createOrGet(spec('19:always@thread.v2'))), 'graph_unavailable');
      assert.equal(t.count('POST', '/createOrGet'), 3);
      assert.equal(t.sleep.callCount, 2);
    } finally {
      await t.close();
    }
  });

  it('does not retry when the back-off would overrun the time budget', async () => {
    const t = await flakyGraph(createOrGetPath, 'before', { retry: { maxAttempts: 10, baseDelayMs: 5_000, maxDelayMs: 10_000, budgetMs: 1_000 } });
    try {
      t.dropNext(100);
      assert.equal(await code(t.backend.meetings.createOrGet(spec('19:budget@thread.v2'))), 'graph_unavailable');
      assert.equal(t.count('POST', '/createOrGet'), 1);
      assert.equal(t.sleep.callCount, 0);
    } finally {
      await t.close();
    }
  });
});

describe('graph retry: which failures and requests may be repeated', () => {
  const socketError = (code: string, message: string) => Object.assign(new Error(message), { code });

  it('counts a reset, a hang-up, a broken pipe and undici socket errors as dropped, through fetch failed', () => {
    assert.equal(isDroppedConnection(new TypeError('fetch failed', { cause: socketError('UND_ERR_SOCKET', 'other side closed') })), true);
    assert.equal(isDroppedConnection(new TypeError('fetch failed', { cause: socketError('ECONNRESET', 'read ECONNRESET') })), true);
    assert.equal(isDroppedConnection(new TypeError('terminated', { cause: socketError('EPIPE', 'write EPIPE') })), true);
    assert.equal(isDroppedConnection(new Error('socket hang up')), true);
  });

  it('does not count a timeout, a refused connection or a plain error as dropped', () => {
    const timeout = Object.assign(new Error('Graph did not answer within 10000 ms'), { name: 'TimeoutError' });
    assert.equal(isDroppedConnection(timeout), false);
    assert.equal(isDroppedConnection(new TypeError('fetch failed', { cause: socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443') })), false);
    assert.equal(isDroppedConnection(new Error('Unexpected token < in JSON')), false);
    assert.equal(isDroppedConnection('ECONNRESET'), false);
  });

  it('repeats reads, PATCH, DELETE and createOrGet, and no other POST', () => {
    const base = 'https://graph.microsoft.com/v1.0/users/a1b2c3d4-0001-4a5b-8c6d-7e8f90a1b2c3';
    assert.equal(isIdempotentRequest('POST', `${base}/onlineMeetings/createOrGet`), true);
    assert.equal(isIdempotentRequest('get', `${base}/onlineMeetings/MSo1`), true);
    assert.equal(isIdempotentRequest('PATCH', `${base}/onlineMeetings/MSo1`), true);
    assert.equal(isIdempotentRequest('DELETE', `${base}/onlineMeetings/MSo1`), true);
    assert.equal(isIdempotentRequest('POST', `${base}/onlineMeetings`), false);
    assert.equal(isIdempotentRequest('POST', `${base}/events`), false);
    assert.equal(isIdempotentRequest('POST', 'https://graph.microsoft.com/v1.0/subscriptions'), false);
  });
});
