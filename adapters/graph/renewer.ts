// Keeps call-event subscriptions alive until their meeting is over: Graph lets them live 3 days at most, and a
// meeting may be scheduled weeks ahead. Renews (PATCH) when little time is left; subscribes again when Graph lost one.
// Each subscription has its own clientState secret, stored with it: the notifications handler asks for it here.
import { isBotError, type Clock, type Logger, type Meeting } from '../../src/bot-api';
import { BATCH_LIMIT } from './batch';
import type { CreatedSubscription, Subscription } from './subscriptions';

/** A subscription the renewer looks after. */
export interface CallSubscription {
  readonly id: string;
  readonly joinUrl: string;
  readonly expiresAt: Date;
  /** The meeting's end when last known; the meeting store's answer wins when it has one (reschedules). */
  readonly meetingEndsAt: Date;
  /**
   * The secret Graph echoes as `clientState` in this subscription's notifications. Absent only for subscriptions
   * made before each had its own (their secret was derived from configured credentials and is not kept): their
   * notifications are refused, and the renewer replaces them at its next check (see renewOne).
   */
  readonly clientState?: string;
}

/** Where subscriptions are remembered (the store; survives restarts and is shared by every instance). */
export interface CallSubscriptionStore {
  save(sub: CallSubscription): Promise<void>;
  /** Saves several in one write; absent, each is saved on its own. */
  saveAll?(subs: readonly CallSubscription[]): Promise<void>;
  /** One subscription by id (undefined when unknown). */
  find(id: string): Promise<CallSubscription | undefined>;
  /** Subscriptions due for a look: expiring before `at` (expired ones included) or without a secret; soonest first. */
  expiringBefore(at: Date, limit: number): Promise<CallSubscription[]>;
  delete(id: string): Promise<void>;
}

/** The Graph calls the renewer makes. */
export interface SubscriptionOps {
  /** Subscribes to the meeting's call events at this server's notification URL, with a fresh secret. */
  create(joinUrl: string, now: Date): Promise<CreatedSubscription>;
  /** The same for several meetings in one request (at most BATCH_LIMIT): each one's subscription or `{ error }`, in order. */
  createMany?(joinUrls: readonly string[], now: Date): Promise<readonly (CreatedSubscription | { readonly error: unknown })[]>;
  /** Extends to the longest lifetime; undefined when Graph no longer has the subscription. */
  renew(id: string, now: Date): Promise<Subscription | undefined>;
  /** Deletes the subscription on Graph (already gone is fine). */
  delete(id: string): Promise<void>;
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
  /**
   * Subscribes to a newly created meeting's call events and remembers the subscription with its secret. While
   * earlier subscriptions are on their way, new ones gather and go together in one request.
   */
  subscribe(meeting: SubscriptionTarget): Promise<CreatedSubscription>;
  /**
   * The secret of subscription `id`, or undefined when no subscription of ours has that id (or it has no secret).
   * A subscription this process is creating right now is waited for: Graph may notify before its id is stored.
   */
  clientStateOf(id: string): Promise<string | undefined>;
  /** Renews what is due now; failures are logged and retried at the next check. */
  tick(): Promise<void>;
  /** Checks now and then every interval (the timer does not keep the process alive). */
  start(): void;
  /** Stops the timer and waits for a check in progress. */
  stop(): Promise<void>;
}

/** What a subscription is made for: the meeting's join URL, and its end (the subscription lasts until then). */
export type SubscriptionTarget = Pick<Meeting, 'joinUrl' | 'end'>;

const HOUR_MS = 3_600_000;
/** Calls often run past their scheduled end; keep listening this long after it. */
export const OVERRUN_MS = 6 * HOUR_MS;
const BATCH = 100;
/** Gathered subscriptions on their way at once: each waits for its validation handshake, often a second or two. */
const SENDING_AT_ONCE = 2;
/** Subscriptions being made at once, at most: full batches, all on their way. */
export const SUBSCRIBING_AT_ONCE = BATCH_LIMIT * SENDING_AT_ONCE;

interface Gathered {
  readonly meeting: SubscriptionTarget;
  readonly resolve: (sub: CreatedSubscription) => void;
  readonly reject: (error: unknown) => void;
}

/** Builds the renewer. */
export function createSubscriptionRenewer(opts: RenewerOptions): SubscriptionRenewer {
  const { store, graph, clock, logger } = opts;
  const renewWithin = opts.renewWithinMs ?? 12 * HOUR_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  /** Creations in flight: their subscription ids are not stored yet. */
  const creating = new Set<Promise<unknown>>();

  async function endOf(sub: CallSubscription): Promise<Date | undefined> {
    let meeting: { readonly end: Date; readonly active: boolean } | undefined;
    try {
      meeting = await opts.meetingOf?.(sub.joinUrl);
    } catch (error) {
      logger.warn({ subscriptionId: sub.id, err: error }, 'could not read the meeting of a call-event subscription; using its last known end');
    }
    if (meeting && !meeting.active) return undefined;
    return meeting?.end ?? sub.meetingEndsAt;
  }

  /** Counts `work` as a creation in flight until it settles, for clientStateOf. */
  function tracked<T>(work: Promise<T>): Promise<T> {
    creating.add(work);
    const done = (): void => void creating.delete(work);
    work.then(done, done);
    return work;
  }

  const stored = (sub: CreatedSubscription, meeting: SubscriptionTarget): CallSubscription =>
    ({ id: sub.id, joinUrl: meeting.joinUrl, expiresAt: sub.expirationDateTime, meetingEndsAt: meeting.end, clientState: sub.clientState });

  /** Subscribes with a fresh secret and stores the subscription; tracked until stored, for clientStateOf. */
  function createAndSave(joinUrl: string, meetingEndsAt: Date, now: Date): Promise<CreatedSubscription> {
    return tracked((async () => {
      const sub = await graph.create(joinUrl, now);
      await store.save(stored(sub, { joinUrl, end: meetingEndsAt }));
      return sub;
    })());
  }

  const gathered: Gathered[] = [];
  let sending = 0;

  /** Subscribes to gathered meetings in one request and saves what was made together; each hears its own outcome. */
  async function sendGathered(batch: readonly Gathered[], createMany: NonNullable<SubscriptionOps['createMany']>): Promise<void> {
    try {
      const outcomes = await createMany(batch.map((g) => g.meeting.joinUrl), clock.now());
      const made: { g: Gathered; sub: CreatedSubscription }[] = [];
      batch.forEach((g, i) => {
        const outcome = outcomes[i];
        if (!outcome) g.reject(new Error('Graph gave no answer for this subscription'));
        else if ('error' in outcome) g.reject(outcome.error);
        else made.push({ g, sub: outcome });
      });
      const rows = made.map(({ g, sub }) => stored(sub, g.meeting));
      if (store.saveAll) await store.saveAll(rows);
      else for (const row of rows) await store.save(row);
      for (const { g, sub } of made) g.resolve(sub);
    } catch (error) {
      for (const g of batch) g.reject(error);
    }
  }

  function sendMore(): void {
    const createMany = graph.createMany;
    if (!createMany) return;
    while (sending < SENDING_AT_ONCE && gathered.length > 0) {
      const batch = gathered.splice(0, BATCH_LIMIT);
      const only = batch.length === 1 ? batch[0] : undefined;
      sending++;
      // Alone, it goes as a plain POST: a batch of one would only wrap it.
      const sent = only
        ? createAndSave(only.meeting.joinUrl, only.meeting.end, clock.now()).then(only.resolve, only.reject)
        : sendGathered(batch, createMany);
      void sent.finally(() => {
        sending--;
        sendMore();
      });
    }
  }

  function subscribe(meeting: SubscriptionTarget): Promise<CreatedSubscription> {
    if (!graph.createMany) return createAndSave(meeting.joinUrl, meeting.end, clock.now());
    const work = new Promise<CreatedSubscription>((resolve, reject) => gathered.push({ meeting, resolve, reject }));
    sendMore();
    return tracked(work);
  }

  async function renewOne(sub: CallSubscription, now: Date): Promise<void> {
    const end = await endOf(sub);
    if (!end || now.getTime() >= end.getTime() + OVERRUN_MS) {
      // Cancelled or over: let Graph's subscription run out on its own.
      await store.delete(sub.id);
      return;
    }
    if (!sub.clientState) {
      // Made before subscriptions had secrets of their own: its notifications cannot be verified any more. A new
      // subscription with a fresh secret takes over before the old one is deleted, so no call event falls between.
      const next = await createAndSave(sub.joinUrl, end, now);
      await store.delete(sub.id);
      await graph.delete(sub.id).catch((error: unknown) => {
        logger.warn({ subscriptionId: sub.id, err: error }, 'could not delete a replaced call-event subscription; Graph lets it expire');
      });
      logger.info({ subscriptionId: next.id, replaced: sub.id }, 'call-event subscription without its own secret replaced');
      return;
    }
    if (sub.expiresAt.getTime() >= end.getTime() + OVERRUN_MS && sub.expiresAt > now) return;
    const renewed = sub.expiresAt > now ? await graph.renew(sub.id, now) : undefined;
    let next: Subscription;
    if (renewed) {
      // A renewal moves the expiry only: the subscription keeps its secret.
      next = renewed;
      await store.save({ id: renewed.id, joinUrl: sub.joinUrl, expiresAt: renewed.expirationDateTime, meetingEndsAt: end, clientState: sub.clientState });
    } else {
      // Graph no longer has it: a new subscription, with a new secret.
      next = await createAndSave(sub.joinUrl, end, now);
    }
    if (next.id !== sub.id) await store.delete(sub.id);
    logger.info({ subscriptionId: next.id, expiresAt: next.expirationDateTime.toISOString(), renewed: Boolean(renewed) }, 'call-event subscription renewed');
  }

  async function check(): Promise<void> {
    const now = clock.now();
    const due = await store.expiringBefore(new Date(now.getTime() + renewWithin), BATCH);
    for (const sub of due) {
      try {
        await renewOne(sub, now);
      } catch (error) {
        logger.warn({ subscriptionId: sub.id, err: error }, 'could not renew a call-event subscription; will retry');
        // The meeting was deleted in Teams: nothing left to listen to.
        if (isBotError(error) && error.code === 'meeting_not_found') {
          await store.delete(sub.id).catch((deleteError: unknown) => {
            logger.warn({ subscriptionId: sub.id, err: deleteError }, 'could not forget the subscription of a deleted meeting');
          });
        }
      }
    }
  }

  const tick = (): Promise<void> => {
    // One check at a time: a slow Graph must not stack checks up.
    running ??= check()
      .catch((error: unknown) => logger.warn({ err: error }, 'checking call-event subscriptions failed'))
      .finally(() => (running = undefined));
    return running;
  };

  return {
    subscribe,
    async clientStateOf(id) {
      const known = await store.find(id);
      if (known || creating.size === 0) return known?.clientState;
      // Graph can notify as soon as it has answered the POST, before the id is stored: wait for creations in flight.
      await Promise.allSettled([...creating]);
      return (await store.find(id))?.clientState;
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
