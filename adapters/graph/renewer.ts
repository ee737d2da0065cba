// Keeps call-event subscriptions alive until their meeting is over: Graph lets them live 3 days at most, and a
// meeting may be scheduled weeks ahead. Renews (PATCH) when little time is left; subscribes again when Graph lost one.
import { isBotError } from '../../src/errors';
import type { Clock, Logger, Meeting } from '../../src/meetings/ports';
import type { Subscription } from './subscriptions';

/** A subscription the renewer looks after. */
export interface CallSubscription {
  readonly id: string;
  readonly joinUrl: string;
  readonly expiresAt: Date;
  /** The meeting's end when last known; the meeting store's answer wins when it has one (reschedules). */
  readonly meetingEndsAt: Date;
}

/** Where subscriptions are remembered (the store; survives restarts). */
export interface CallSubscriptionStore {
  save(sub: CallSubscription): Promise<void>;
  /** Subscriptions expiring before `at` (expired ones included), soonest first. */
  expiringBefore(at: Date, limit: number): Promise<CallSubscription[]>;
  delete(id: string): Promise<void>;
}

/** The Graph calls the renewer makes. */
export interface SubscriptionOps {
  /** Subscribes to the meeting's call events at this server's notification URL. */
  create(joinUrl: string, now: Date): Promise<Subscription>;
  /** Extends to the longest lifetime; undefined when Graph no longer has the subscription. */
  renew(id: string, now: Date): Promise<Subscription | undefined>;
}

/** What the renewer needs. */
export interface RenewerOptions {
  readonly store: CallSubscriptionStore;
  readonly graph: SubscriptionOps;
  /** The meeting as the bot knows it now, by join URL (undefined when unknown). */
  readonly meetingOf?: (joinUrl: string) => Promise<{ readonly end: Date; readonly active: boolean } | undefined>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Renew when less than this is left (default 12 h). */
  readonly renewWithinMs?: number;
  /** How often to look (default 1 h). */
  readonly intervalMs?: number;
}

/** The renewer. */
export interface SubscriptionRenewer {
  /** Subscribes to a newly created meeting's call events and remembers the subscription. */
  subscribe(meeting: Meeting): Promise<Subscription>;
  /** Renews what is due now; failures are logged and retried at the next check. */
  tick(): Promise<void>;
  /** Checks now and then every interval (the timer does not keep the process alive). */
  start(): void;
  /** Stops the timer and waits for a check in progress. */
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;
/** Calls often run past their scheduled end; keep listening this long after it. */
export const OVERRUN_MS = 6 * HOUR_MS;
const BATCH = 100;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Builds the renewer. */
export function createSubscriptionRenewer(opts: RenewerOptions): SubscriptionRenewer {
  const { store, graph, clock, logger } = opts;
  const renewWithin = opts.renewWithinMs ?? 12 * HOUR_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function endOf(sub: CallSubscription): Promise<Date | undefined> {
    const meeting = await opts.meetingOf?.(sub.joinUrl).catch(() => undefined);
    if (meeting && !meeting.active) return undefined;
    return meeting?.end ?? sub.meetingEndsAt;
  }

  async function renewOne(sub: CallSubscription, now: Date): Promise<void> {
    const end = await endOf(sub);
    if (!end || now.getTime() >= end.getTime() + OVERRUN_MS) {
      // Cancelled or over: let Graph's subscription run out on its own.
      await store.delete(sub.id);
      return;
    }
    if (sub.expiresAt.getTime() >= end.getTime() + OVERRUN_MS && sub.expiresAt > now) return;
    const renewed = sub.expiresAt > now ? await graph.renew(sub.id, now) : undefined;
    const next = renewed ?? (await graph.create(sub.joinUrl, now));
    if (next.id !== sub.id) await store.delete(sub.id);
    await store.save({ id: next.id, joinUrl: sub.joinUrl, expiresAt: next.expirationDateTime, meetingEndsAt: end });
    logger.info({ subscriptionId: next.id, expiresAt: next.expirationDateTime.toISOString(), renewed: Boolean(renewed) }, 'call-event subscription renewed');
  }

  async function check(): Promise<void> {
    const now = clock.now();
    const due = await store.expiringBefore(new Date(now.getTime() + renewWithin), BATCH);
    for (const sub of due) {
      try {
        await renewOne(sub, now);
      } catch (error) {
        // The meeting was deleted in Teams: nothing left to listen to.
        if (isBotError(error) && error.code === 'meeting_not_found') await store.delete(sub.id).catch(() => undefined);
        logger.warn({ subscriptionId: sub.id, err: message(error) }, 'could not renew a call-event subscription; will retry');
      }
    }
  }

  const tick = (): Promise<void> => {
    // One check at a time: a slow Graph must not stack checks up.
    running ??= check()
      .catch((error: unknown) => logger.warn({ err: message(error) }, 'checking call-event subscriptions failed'))
      .finally(() => (running = undefined));
    return running;
  };

  return {
    async subscribe(meeting) {
      const sub = await graph.create(meeting.joinUrl, clock.now());
      await store.save({ id: sub.id, joinUrl: meeting.joinUrl, expiresAt: sub.expirationDateTime, meetingEndsAt: meeting.end });
      return sub;
    },
    tick,
    start() {
      if (timer) return;
      timer = setInterval(() => void tick(), opts.intervalMs ?? HOUR_MS);
      timer.unref();
      void tick();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
