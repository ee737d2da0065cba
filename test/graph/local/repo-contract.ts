// What every LocalGraphRepo does with subscriptions and calls, run against the in-memory repo and the store (SQLite, PostgreSQL).
import { strict as assert } from 'node:assert';
import type { LocalCallState, LocalGraphRepo, LocalSubscription, StoredReport } from '../../../adapters/graph/local';

const NOW = new Date('2030-01-01T12:00:00Z');

/** A subscription on the meeting with `joinToken`, expiring `minutes` after NOW (negative: already expired). */
export function subscription(id: string, joinToken: string, minutes: number): LocalSubscription {
  return {
    id,
    resource: `communications/onlineMeetings(joinWebUrl='http%3A%2F%2F127.0.0.1%2Flocal%2Fmeetings%2F${joinToken}')/meetingCallEvents`,
    changeType: 'updated',
    notificationUrl: 'http://127.0.0.1/api/graph/notifications',
    clientState: 'x',
    expirationDateTime: new Date(NOW.getTime() + minutes * 60_000),
    createdAt: new Date('2030-01-01T00:00:00Z'),
    joinToken,
  };
}

const ids = (subs: readonly LocalSubscription[]): string[] => subs.map((s) => s.id);

/** Registers the subscription checks; `repo()` is called inside each test. */
export function subscriptionContract(repo: () => LocalGraphRepo): void {
  it('finds only the live subscriptions of the meeting asked about, by id', async () => {
    const r = repo();
    for (const s of [subscription('s4', 'tokA', 60), subscription('s1', 'tokA', 10), subscription('s2', 'tokA', -1), subscription('s3', 'tokB', 60), subscription('s5', 'tokA', 0)]) {
      await r.saveSubscription(s);
    }
    assert.deepEqual(await r.subscriptionsFor('tokA', NOW), [subscription('s1', 'tokA', 10), subscription('s4', 'tokA', 60)]);
    assert.deepEqual(ids(await r.subscriptionsFor('tokB', NOW)), ['s3']);
    assert.deepEqual(await r.subscriptionsFor('tokC', NOW), []);
    assert.deepEqual(ids(await r.listSubscriptions(NOW)), ['s1', 's3', 's4']);
    assert.deepEqual(ids(await r.listSubscriptions()), ['s1', 's2', 's3', 's4', 's5']);
  });

  it('follows a renewal and forgets a deleted subscription', async () => {
    const r = repo();
    await r.saveSubscription(subscription('s1', 'tokA', -5));
    assert.deepEqual(await r.subscriptionsFor('tokA', NOW), []);
    await r.saveSubscription(subscription('s1', 'tokA', 30));
    assert.deepEqual(await r.subscriptionsFor('tokA', NOW), [subscription('s1', 'tokA', 30)]);
    assert.equal(await r.deleteSubscription('s1'), true);
    assert.equal(await r.deleteSubscription('s1'), false);
    assert.deepEqual(await r.subscriptionsFor('tokA', NOW), []);
  });

  it('prunes expired subscriptions, oldest first and at most as many as asked, and keeps live ones', async () => {
    const r = repo();
    for (const s of [subscription('old', 'tokA', -300), subscription('older', 'tokB', -600), subscription('just', 'tokA', 0), subscription('live', 'tokA', 5)]) {
      await r.saveSubscription(s);
    }
    assert.equal(await r.pruneSubscriptions(NOW, 2), 2);
    assert.deepEqual(ids(await r.listSubscriptions()), ['just', 'live']);
    assert.equal(await r.pruneSubscriptions(NOW, 100), 1);
    assert.equal(await r.pruneSubscriptions(NOW, 100), 0);
    assert.deepEqual(ids(await r.listSubscriptions()), ['live']);
    assert.deepEqual(ids(await r.subscriptionsFor('tokA', NOW)), ['live']);
    assert.equal(await r.getSubscription('old'), undefined);
  });
}

const START = new Date('2030-01-01T09:00:00Z');
const at = (minutes: number): Date => new Date(START.getTime() + minutes * 60_000);
const ALICE_ID = 'a1b2c3d4-0001-4a5b-8c6d-7e8f90a1b2c3';
const BOB_ID = 'b2c3d4e5-0002-4b6c-9d7e-8f90a1b2c3d4';

/** A live call with alice in since START and bob, who was in from 2 to 5, gone. */
export function liveCall(): LocalCallState {
  return {
    startedAt: START,
    participants: [{ userId: ALICE_ID, participantId: 'a0f3c2d1-8b7e-4c6d-9e5f-1a2b3c4d5e6f' }],
    attendance: [
      { userId: ALICE_ID, intervals: [], openSince: START },
      { userId: BOB_ID, intervals: [{ join: at(2), leave: at(5) }], openSince: null },
    ],
  };
}

/** The report of a call that ended `minutes` after START. */
export function report(id: string, meetingId: string, minutes: number): StoredReport {
  return { id, meetingId, organizerId: ALICE_ID, start: START, end: at(minutes), records: [{ userId: ALICE_ID, intervals: [{ join: START, leave: at(minutes) }] }] };
}

/** Registers the call checks; `repo()` is called inside each test. */
export function callContract(repo: () => LocalGraphRepo): void {
  it('keeps a call by version: the first write from version 0, each later one from the version it read', async () => {
    const r = repo();
    assert.equal(await r.getCall('m1'), undefined);
    assert.equal(await r.saveCall('m1', liveCall(), 0), true);
    assert.equal(await r.saveCall('m1', null, 0), false, 'a second first call loses');
    assert.deepEqual(await r.getCall('m1'), { version: 1, delivered: 0, call: liveCall() });
    assert.equal(await r.saveCall('m1', null, 1, report('r1', 'm1', 30)), true);
    assert.equal(await r.saveCall('m1', liveCall(), 1, report('r-stale', 'm1', 31)), false, 'a write from a stale version loses');
    assert.deepEqual(await r.getCall('m1'), { version: 2, delivered: 0, call: null });
    assert.deepEqual(await r.reportsOf('m1', 50), [report('r1', 'm1', 30)], 'the losing write stored no report');
    assert.equal(await r.getCall('m2'), undefined);
  });

  it('never moves the delivered version back', async () => {
    const r = repo();
    await r.saveCall('m1', liveCall(), 0);
    await r.saveCall('m1', liveCall(), 1);
    await r.markDelivered('m1', 2);
    await r.markDelivered('m1', 1);
    assert.equal((await r.getCall('m1'))?.delivered, 2);
  });

  it('lists the most recent reports of a meeting, oldest first', async () => {
    const r = repo();
    let version = 0;
    for (const [id, end] of [['r1', 10], ['r2', 20], ['r3', 30]] as const) {
      await r.saveCall('m1', liveCall(), version++);
      await r.saveCall('m1', null, version++, report(id, 'm1', end));
    }
    await r.saveCall('m2', null, 0, report('other', 'm2', 5));
    assert.deepEqual(await r.reportsOf('m1', 2), [report('r2', 'm1', 20), report('r3', 'm1', 30)]);
    assert.deepEqual((await r.reportsOf('m1', 50)).map((x) => x.id), ['r1', 'r2', 'r3']);
    assert.deepEqual((await r.reportsOf('m2', 50)).map((x) => x.id), ['other']);
  });
}
