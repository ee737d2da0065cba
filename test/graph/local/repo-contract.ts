// What every LocalGraphRepo does with subscriptions, run against the in-memory repo and the store (SQLite, PostgreSQL).
import { strict as assert } from 'node:assert';
import type { LocalGraphRepo, LocalSubscription } from '../../../adapters/graph/local';

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
