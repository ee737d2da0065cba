import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Logger } from '../../src/meetings/ports';
import { createNotificationsHandler } from '../../adapters/graph/notifications';
import { createSubscriptionRenewer, OVERRUN_MS, type CallSubscriptionStore, type SubscriptionOps, type SubscriptionRenewer } from '../../adapters/graph/renewer';
import { MAX_SUBSCRIPTION_MS } from '../../adapters/graph/subscriptions';
import { openStore, type Store } from '../../adapters/store';
import { listen, localBackend, person, silentLogger } from './helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date('2030-01-01T09:00:00Z');

async function setup(meetingOf?: (joinUrl: string) => Promise<{ end: Date; active: boolean } | undefined>, wrapStore: (s: CallSubscriptionStore) => CallSubscriptionStore = (s) => s) {
  let now = T0;
  const clock = { now: () => now };
  const dir = mkdtempSync(join(tmpdir(), 'meetbot-renew-'));
  const store: Store = await openStore({ kind: 'sqlite', path: join(dir, 'meetbot.db') });
  const late: { renewer?: SubscriptionRenewer } = {};
  const receiver = express();
  receiver.post('/notify', createNotificationsHandler({ clientStateOf: async (id) => late.renewer?.clientStateOf(id), logger: silentLogger, onEvents: async () => undefined }));
  const hook = await listen(receiver);
  const t = await localBackend({ now: clock.now });
  const calls = { create: 0, renew: 0, delete: 0 };
  let failNextRenew = false;
  const ops: SubscriptionOps = {
    create: (joinUrl, at) => (calls.create++, t.backend.subscribeCallEvents(joinUrl, `${hook.url}/notify`, { now: at })),
    renew: async (id, at) => {
      calls.renew++;
      if (failNextRenew) throw ((failNextRenew = false), new Error('Graph is down'));
      return t.backend.renewSubscription(id, at);
    },
    delete: (id) => (calls.delete++, t.backend.deleteSubscription(id)),
  };
  const warnings: string[] = [];
  const logger: Logger = { ...silentLogger, warn: (_o, msg) => void warnings.push(msg ?? '') };
  const subscriptions = wrapStore(store.callSubscriptions);
  const renewer = createSubscriptionRenewer({ store: subscriptions, graph: ops, clock, logger, ...(meetingOf ? { meetingOf } : {}) });
  late.renewer = renewer;
  const start = new Date(T0.getTime() + 10 * DAY);
  const { meeting } = await t.backend.meetings.createOrGet({ externalId: 'evt-renew', organizer: person('alice'), subject: 'Offsite', start, end: new Date(start.getTime() + 30 * 60_000), attendees: [] });
  /** The subscription as the local Graph service has it, over HTTP. */
  const remote = async (id: string) => {
    const res = await fetch(`${t.server.url}/subscriptions/${id}`);
    return res.status === 200 ? new Date(((await res.json()) as { expirationDateTime: string }).expirationDateTime) : undefined;
  };
  const remembered = () => store.callSubscriptions.expiringBefore(new Date('2100-01-01T00:00:00Z'), 10);
  return {
    renewer, meeting, calls, warnings, remote, remembered, t, store: subscriptions,
    setNow: (d: Date) => void (now = d),
    failNextRenew: () => void (failNextRenew = true),
    async close() {
      await renewer.stop();
      await store.close();
      await t.close();
      await hook.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('call-event subscription renewer (fake clock, local Graph over HTTP)', () => {
  it('keeps a meeting ten days ahead subscribed through hourly checks, renewing only with less than 12 h left, and stops after it', async () => {
    const s = await setup();
    try {
      const sub = await s.renewer.subscribe(s.meeting);
      assert.equal(sub.expirationDateTime.getTime(), T0.getTime() + MAX_SUBSCRIPTION_MS);
      const stopAt = s.meeting.end.getTime() + OVERRUN_MS + 2 * HOUR;
      for (let at = T0.getTime() + HOUR; at <= stopAt; at += HOUR) {
        const before = (await s.remembered())[0];
        const renewsBefore = s.calls.renew;
        s.setNow(new Date(at));
        await s.renewer.tick();
        if (s.calls.renew > renewsBefore) assert.ok(before && before.expiresAt.getTime() - at < 12 * HOUR, 'renewed early');
        const live = (await s.remembered())[0];
        if (at <= s.meeting.end.getTime() + OVERRUN_MS) {
          assert.ok(live, `still remembered at ${new Date(at).toISOString()}`);
          const expires = await s.remote(live.id);
          assert.ok(expires && expires.getTime() > at, `alive on Graph at ${new Date(at).toISOString()}`);
        }
      }
      assert.equal(s.calls.renew, 3);
      assert.equal(s.calls.create, 1, 'the same subscription, patched');
      assert.deepEqual(s.calls, { create: 1, renew: 3, delete: 0 });
      assert.deepEqual(await s.remembered(), [], 'forgotten once the meeting is over');
      assert.deepEqual(s.warnings, []);
    } finally {
      await s.close();
    }
  });

  it('subscribes again when Graph no longer has the subscription, or it expired while meetbot was down', async () => {
    const s = await setup();
    try {
      const first = await s.renewer.subscribe(s.meeting);
      assert.equal((await fetch(`${s.t.server.url}/subscriptions/${first.id}`, { method: 'DELETE' })).status, 204);
      s.setNow(new Date(first.expirationDateTime.getTime() - 6 * HOUR));
      await s.renewer.tick();
      const [second] = await s.remembered();
      assert.ok(second && second.id !== first.id);
      assert.ok(await s.remote(second.id));
      const later = new Date(second.expiresAt.getTime() + HOUR);
      s.setNow(later);
      await s.renewer.tick();
      const [third] = await s.remembered();
      assert.ok(third && third.id !== second.id && third.expiresAt.getTime() === later.getTime() + MAX_SUBSCRIPTION_MS);
      assert.deepEqual(s.calls, { create: 3, renew: 1, delete: 0 }, 'an expired one is not patched');
    } finally {
      await s.close();
    }
  });

  it('retries a failed renewal at the next check and logs the failure', async () => {
    const s = await setup();
    try {
      const sub = await s.renewer.subscribe(s.meeting);
      s.failNextRenew();
      s.setNow(new Date(sub.expirationDateTime.getTime() - 10 * HOUR));
      await s.renewer.tick();
      assert.deepEqual(s.warnings, ['could not renew a call-event subscription; will retry']);
      assert.equal((await s.remembered())[0]?.expiresAt.getTime(), sub.expirationDateTime.getTime());
      s.setNow(new Date(sub.expirationDateTime.getTime() - 9 * HOUR));
      await s.renewer.tick();
      assert.equal((await s.remote(sub.id))?.getTime(), sub.expirationDateTime.getTime() - 9 * HOUR + MAX_SUBSCRIPTION_MS);
    } finally {
      await s.close();
    }
  });

  it('stops renewing a cancelled meeting and follows a rescheduled one', async () => {
    let known: { end: Date; active: boolean } | undefined;
    const s = await setup(async () => known);
    try {
      await s.renewer.subscribe(s.meeting);
      // Moved a month later: renewals go on past the originally scheduled end.
      known = { end: new Date(s.meeting.end.getTime() + 30 * DAY), active: true };
      s.setNow(new Date(s.meeting.end.getTime() + OVERRUN_MS + HOUR));
      await s.renewer.tick();
      assert.equal(s.calls.create, 2, 'expired meanwhile, so subscribed again');
      const [again] = await s.remembered();
      assert.ok(again && again.meetingEndsAt.getTime() === known.end.getTime());
      known = { ...known, active: false };
      s.setNow(new Date(again.expiresAt.getTime() - HOUR));
      await s.renewer.tick();
      assert.deepEqual(await s.remembered(), []);
      assert.equal(s.calls.renew, 0);
    } finally {
      await s.close();
    }
  });

  it("keeps a subscription's own secret through renewals; a new subscription gets a new one", async () => {
    const s = await setup();
    try {
      const first = await s.renewer.subscribe(s.meeting);
      assert.match(first.clientState, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(await s.renewer.clientStateOf(first.id), first.clientState);
      s.setNow(new Date(first.expirationDateTime.getTime() - HOUR));
      await s.renewer.tick();
      assert.equal(s.calls.renew, 1);
      assert.equal((await s.store.find(first.id))?.clientState, first.clientState, 'renewed, same secret');

      assert.equal((await fetch(`${s.t.server.url}/subscriptions/${first.id}`, { method: 'DELETE' })).status, 204);
      s.setNow(new Date(first.expirationDateTime.getTime() + MAX_SUBSCRIPTION_MS - HOUR));
      await s.renewer.tick();
      const [second] = await s.remembered();
      assert.ok(second?.clientState && second.id !== first.id);
      assert.notEqual(second.clientState, first.clientState);
      assert.equal(await s.renewer.clientStateOf(first.id), undefined, 'the old subscription is forgotten with its secret');
      assert.equal(await s.renewer.clientStateOf('never-made'), undefined);
    } finally {
      await s.close();
    }
  });

  it('replaces a subscription stored without a secret of its own (made before secrets were kept) at the next check', async () => {
    const s = await setup();
    try {
      // A row as it was stored before subscriptions had secrets of their own: no clientState.
      const made = await s.renewer.subscribe(s.meeting);
      await s.store.save({ id: made.id, joinUrl: s.meeting.joinUrl, expiresAt: made.expirationDateTime, meetingEndsAt: s.meeting.end });
      assert.equal(await s.renewer.clientStateOf(made.id), undefined, 'its notifications are refused meanwhile');
      await s.renewer.tick();
      const [next] = await s.remembered();
      assert.ok(next && next.id !== made.id && next.clientState, 'a new subscription with a fresh secret');
      assert.ok(await s.remote(next.id));
      assert.equal(await s.remote(made.id), undefined, 'the old one is deleted on Graph');
      assert.equal(s.calls.delete, 1);
      assert.deepEqual(s.warnings, []);
    } finally {
      await s.close();
    }
  });

  it('answers a secret lookup for a subscription being stored right now once it is stored', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const s = await setup(undefined, (inner) => ({ ...inner, save: async (sub) => (await gate, inner.save(sub)) }));
    try {
      const subscribing = s.renewer.subscribe(s.meeting);
      // Graph has answered (the subscription exists there) but meetbot has not stored it yet.
      let listed: Array<{ id: string }> = [];
      while (listed.length === 0) listed = ((await (await fetch(`${s.t.server.url}/subscriptions`)).json()) as { value: Array<{ id: string }> }).value;
      const lookup = s.renewer.clientStateOf(listed[0]?.id ?? '');
      release();
      const sub = await subscribing;
      assert.equal(await lookup, sub.clientState);
    } finally {
      release();
      await s.close();
    }
  });

  it('checks at start and finishes the check in progress when stopped', async () => {
    const s = await setup();
    try {
      const sub = await s.renewer.subscribe(s.meeting);
      s.setNow(new Date(sub.expirationDateTime.getTime() - HOUR));
      s.renewer.start();
      await s.renewer.stop();
      assert.equal(s.calls.renew, 1);
      assert.equal((await s.remote(sub.id))?.getTime(), sub.expirationDateTime.getTime() - HOUR + MAX_SUBSCRIPTION_MS);
    } finally {
      await s.close();
    }
  });
});
