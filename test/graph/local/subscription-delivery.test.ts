// Call events go to the live subscriptions of their own meeting only, found by meeting; expired ones are pruned.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryRepo, DEFAULT_DIRECTORY, startLocalGraphServer, type LocalGraphRepo, type LocalGraphServer } from '../../../adapters/graph/local';
import { openStore, type Store } from '../../../adapters/store';
import { callEventReceiver } from '../helpers';
import { assertGraphError, call } from './helpers';

const alice = DEFAULT_DIRECTORY[0]!;

const receiver = () => callEventReceiver('/notify');

function deliverySuite(makeRepo: () => Promise<LocalGraphRepo & { close?(): Promise<void> }>): void {
  let server: LocalGraphServer;
  let repo: LocalGraphRepo & { close?(): Promise<void> };
  let lists: number;
  let clock: number;
  const receivers: Awaited<ReturnType<typeof receiver>>[] = [];

  beforeEach(async () => {
    const inner = await makeRepo();
    lists = 0;
    // Delivery must not read every subscription: count whole-table reads.
    repo = { ...inner, listSubscriptions: (now?: Date) => ((lists += 1), inner.listSubscriptions(now)) };
    clock = Date.now();
    server = await startLocalGraphServer({ repo, now: () => new Date(clock) });
  });
  afterEach(async () => {
    await server.close();
    await repo.close?.();
    for (const rx of receivers.splice(0)) await rx.close();
  });

  async function meeting(externalId: string): Promise<{ id: string; joinWebUrl: string }> {
    const created = await call(server.url, 'POST', `/users/${alice.id}/onlineMeetings/createOrGet`, { externalId });
    return { id: String(created.body.id), joinWebUrl: String(created.body.joinWebUrl) };
  }

  async function subscribe(m: { joinWebUrl: string }, minutes: number): Promise<{ id: string; events: string[] }> {
    const rx = await receiver();
    receivers.push(rx);
    const resource = `communications/onlineMeetings(joinWebUrl='${encodeURIComponent(m.joinWebUrl)}')/meetingCallEvents`;
    const expirationDateTime = new Date(clock + minutes * 60_000).toISOString();
    const answer = await call(server.url, 'POST', '/subscriptions', { changeType: 'updated', notificationUrl: rx.url, resource, expirationDateTime });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return { id: String(answer.body.id), events: rx.events };
  }

  it('delivers a call event only to the live subscriptions of its own meeting', async () => {
    const [m1, m2] = [await meeting('one'), await meeting('two')];
    const short = await subscribe(m1, 10);
    const long = await subscribe(m1, 60);
    const other = await subscribe(m2, 60);
    clock += 20 * 60_000;
    await server.graph.calls.join(m1.id, alice.id);
    assert.deepEqual(long.events, ['callStarted', 'rosterUpdated']);
    assert.deepEqual(short.events, [], 'expired');
    assert.deepEqual(other.events, [], 'another meeting');
    assert.equal(lists, 0, 'delivery looked subscriptions up by meeting');

    const listed = await call(server.url, 'GET', '/subscriptions');
    assert.deepEqual(listed.body.value?.map((s) => s.id).sort(), [long.id, other.id].sort());
    assertGraphError(await call(server.url, 'GET', `/subscriptions/${short.id}`), 404, 'ResourceNotFound');
    assertGraphError(await call(server.url, 'PATCH', `/subscriptions/${short.id}`, { expirationDateTime: new Date(clock + 3600_000).toISOString() }), 404, 'ResourceNotFound');
  });

  it('prunes expired subscriptions when a new one is made', async () => {
    const m = await meeting('prune');
    const gone = await subscribe(m, 5);
    const kept = await subscribe(m, 60);
    clock += 10 * 60_000;
    assert.ok(await repo.getSubscription(gone.id), 'still stored until something prunes');
    await subscribe(m, 60);
    assert.equal(await repo.getSubscription(gone.id), undefined);
    assert.ok(await repo.getSubscription(kept.id));
    assert.equal((await repo.listSubscriptions()).length, 2);
  });
}

describe('local Graph: call-event delivery by meeting (in memory)', () => {
  deliverySuite(async () => createMemoryRepo());
});

describe('local Graph: call-event delivery by meeting (SQLite store)', () => {
  let dir: string;
  let n = 0;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'meetbot-delivery-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  deliverySuite(async () => {
    const store: Store = await openStore({ kind: 'sqlite', path: join(dir, `t${n++}.db`) });
    return Object.assign(store.localGraph, { close: () => store.close() });
  });
});
