import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import sinon from 'sinon';
import type { Meeting } from '../../src/bot-api';
import { createNotificationsHandler } from '../../adapters/graph/notifications';
import { createGraphBackend, createMemoryDirectoryCache } from '../../adapters/graph';
import { createSubscriptionRenewer, type SubscriptionOps, type SubscriptionRenewer } from '../../adapters/graph/renewer';
import { openStore, type Store } from '../../adapters/store';
import { listen, localBackend, person, silentLogger } from './helpers';

const T0 = new Date('2030-01-01T09:00:00Z');

/** A renewer on the local Graph over HTTP, with batches on, and `n` meetings to subscribe to. */
async function setup(n: number, faults?: { readonly rate429: number }) {
  const clock = { now: () => T0 };
  const dir = mkdtempSync(join(tmpdir(), 'meetbot-batches-'));
  const store: Store = await openStore({ kind: 'sqlite', path: join(dir, 'meetbot.db') });
  const late: { renewer?: SubscriptionRenewer } = {};
  const receiver = express();
  const validations = sinon.spy();
  receiver.post('/notify', (req, _res, next) => {
    if (typeof req.query.validationToken === 'string') validations();
    next();
  }, createNotificationsHandler({ clientStateOf: async (id) => late.renewer?.clientStateOf(id), logger: silentLogger, onEvents: async () => undefined }));
  const hook = await listen(receiver);
  const t = await localBackend({ now: clock.now, ...(faults ? { faults: { ...faults, retryAfterSeconds: 0 }, seed: 11 } : {}) }, faults ? { retry: { maxAttempts: 12 } } : {});
  const url = `${hook.url}/notify`;
  const ops: SubscriptionOps = {
    create: sinon.spy((joinUrl: string, at: Date) => t.backend.subscribeCallEvents(joinUrl, url, { now: at })),
    createMany: sinon.spy((joinUrls: readonly string[], at: Date) => t.backend.subscribeCallEventsBatch(joinUrls, url, { now: at })),
    renew: (id, at) => t.backend.renewSubscription(id, at),
    delete: (id) => t.backend.deleteSubscription(id),
  };
  const saveAll = sinon.spy(store.callSubscriptions, 'saveAll');
  const renewer = createSubscriptionRenewer({ store: store.callSubscriptions, graph: ops, clock, logger: silentLogger });
  late.renewer = renewer;
  const meetings: Meeting[] = [];
  for (let i = 0; i < n; i++) {
    const start = new Date(T0.getTime() + (i + 1) * 3_600_000);
    const { meeting } = await t.backend.meetings.createOrGet({ externalId: `evt-batch-${i}`, organizer: person('alice'), subject: `Sync ${i}`, start, end: new Date(start.getTime() + 30 * 60_000), attendees: [] });
    meetings.push(meeting);
  }
  const requestsBefore = t.fetchSpy.callCount;
  return {
    renewer, meetings, ops, store, saveAll, validations,
    /** Paths of the backend's requests to Graph since the meetings were made. */
    requests: () => t.fetchSpy.getCalls().slice(requestsBefore).map((c) => new URL(String(c.args[0])).pathname),
    /** The requests of each JSON batch sent since the meetings were made. */
    batches: () => t.fetchSpy.getCalls().slice(requestsBefore).filter((c) => String(c.args[0]).endsWith('/$batch'))
      .map((c) => (JSON.parse(String(c.args[1]?.body)) as { requests: { method: string; url: string; body: { clientState: string } }[] }).requests),
    async close() {
      await renewer.stop();
      await store.close();
      await t.close();
      await hook.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('call-event subscriptions in JSON batches (local Graph over HTTP)', () => {
  it('sends the first subscriptions at once and gathers the rest while they are on their way into one $batch, each validated with its own secret', async () => {
    const s = await setup(6);
    try {
      const subs = await Promise.all(s.meetings.map((m) => s.renewer.subscribe(m)));
      assert.equal(new Set(subs.map((x) => x.id)).size, 6);
      assert.equal(new Set(subs.map((x) => x.clientState)).size, 6);
      // Two plain POSTs (nothing was on its way yet), then the four that gathered behind them, together.
      assert.deepEqual(s.requests().filter((p) => p.endsWith('/subscriptions')).length, 2);
      const batches = s.batches();
      assert.equal(batches.length, 1);
      assert.deepEqual(batches[0]?.map((r) => [r.method, r.url]), Array.from({ length: 4 }, () => ['POST', '/subscriptions']));
      assert.equal(s.validations.callCount, 6, 'Graph validated the notification URL for each subscription');
      for (const [i, sub] of subs.entries()) {
        const saved = await s.store.callSubscriptions.find(sub.id);
        assert.equal(saved?.clientState, sub.clientState);
        assert.equal(saved?.joinUrl, s.meetings[i]?.joinUrl);
        assert.equal(await s.renewer.clientStateOf(sub.id), sub.clientState);
      }
      assert.equal(s.saveAll.callCount, 1, 'the batch is saved in one write');
    } finally {
      await s.close();
    }
  });

  it('fails only the meeting Graph refused, and keeps the others of its batch', async () => {
    const s = await setup(4);
    try {
      const gone: Meeting = { ...(s.meetings[0] as Meeting), joinUrl: 'http://127.0.0.1:1/local/meetings/nope' };
      const outcomes = await Promise.allSettled([s.meetings[1], s.meetings[2], gone, s.meetings[3]].map((m) => s.renewer.subscribe(m as Meeting)));
      assert.equal(s.batches().length, 1);
      assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const refused = outcomes[2];
      assert.ok(refused?.status === 'rejected');
      assert.equal((refused.reason as { code?: string }).code, 'meeting_not_found');
      const kept = await s.store.callSubscriptions.expiringBefore(new Date('2100-01-01T00:00:00Z'), 10);
      assert.deepEqual(kept.map((k) => k.joinUrl).sort(), [s.meetings[1], s.meetings[2], s.meetings[3]].map((m) => m?.joinUrl).sort());
    } finally {
      await s.close();
    }
  });

  it('re-sends the items Graph throttled inside a batch until each is made, and makes none twice', async () => {
    const s = await setup(10, { rate429: 0.3 });
    try {
      const subs = await Promise.all(s.meetings.map((m) => s.renewer.subscribe(m)));
      assert.equal(new Set(subs.map((x) => x.id)).size, 10);
      assert.ok(s.batches().length >= 2, 'the gathered ones went as a batch and throttled items were sent again');
      // Graph validates a subscription's URL only when it makes one: ten validations, ten subscriptions.
      assert.equal(s.validations.callCount, 10);
      for (const sub of subs) assert.equal((await s.store.callSubscriptions.find(sub.id))?.clientState, sub.clientState);
    } finally {
      await s.close();
    }
  });

  it('falls back to one POST each when a Graph-compatible service refuses the batch itself', async () => {
    const posted: string[] = [];
    const graph = express();
    graph.use(express.json());
    graph.post('/v1.0/$batch', (_req, res) => void res.status(400).json({ error: { code: 'BadRequest', message: 'Batching is not supported here.' } }));
    graph.post('/v1.0/subscriptions', (req, res) => {
      posted.push((req.body as { resource: string }).resource);
      res.status(201).json({ id: `7f1e0c9a-2b3d-4e5f-8a9b-0c1d2e3f4a${String(posted.length).padStart(2, '0')}`, expirationDateTime: '2030-01-03T09:00:00.000Z' });
    });
    const server = await listen(graph);
    const backend = createGraphBackend({ config: { kind: 'remote', baseUrl: `${server.url}/v1.0`, auth: { kind: 'none' } }, cache: createMemoryDirectoryCache(), logger: silentLogger });
    try {
      const joinUrls = ['a', 'b', 'c'].map((k) => `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${k}%40thread.v2/0`);
      const outcomes = await backend.subscribeCallEventsBatch(joinUrls, 'https://meetbot.contoso.example/api/graph/notifications');
      assert.equal(posted.length, 3);
      assert.deepEqual(outcomes.map((o) => ('error' in o ? 'error' : o.id.slice(-2))).sort(), ['01', '02', '03']);
    } finally {
      await server.close();
    }
  });
});
