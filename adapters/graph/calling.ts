// The bot's own legs in meeting calls: the CallingService the core rings people through, driven by the Calls API's
// callbacks. Once a leg is established it rings whoever is not in yet (batches of INVITE_BATCH); the roster it sees
// becomes call events (who is in) and answers; finished invite operations become declines and unanswered rings.
import type { CallEvent, CallingService, Clock, Logger, M365User, Meeting, RingEvent } from '../../src/bot-api';
import { INVITE_BATCH, type CallsClient } from './calls';
import type { CommsItem } from './comms-notifications';

/** Where what the legs learn goes: the core's handleRingEvent and handleCallEvent. */
export interface CallingSink {
  ring(event: RingEvent): Promise<void>;
  call(event: CallEvent): Promise<void>;
}

/** What the calling service needs. */
export interface CallingOptions {
  readonly calls: CallsClient;
  /** The callbackUri every call is placed with (`{public URL}/api/calls`). */
  readonly callbackUri: () => string;
  readonly sink: CallingSink;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long a ring may go unanswered before the bot counts it as missed and leaves (default 90 s; Teams rings for about 60). */
  readonly ringTimeoutMs?: number;
  /** How often a leg tells Graph it is still there (default 15 min; Graph drops a leg silent for 45). */
  readonly keepAliveMs?: number;
}

/** The calling service and the entry point for the Calls API's callbacks. */
export interface Calling extends CallingService {
  /** Applies one callback's items, in order. Items of calls the bot did not place are ignored (logged once per call). */
  handle(items: readonly CommsItem[]): Promise<void>;
  /** Stops the ring timers (shutdown). */
  stop(): void;
}

interface Leg {
  readonly callId: string;
  readonly meeting: Meeting;
  readonly purpose: 'ring' | 'watch';
  /** Still to invite once the leg is established. */
  pending: M365User[];
  /** Rung and not answered yet, by user id -> the invite operation's client context. */
  readonly ringing: Map<string, string>;
  /** The people in the call now (the bot and other apps left out). */
  present: Map<string, M365User>;
  hadPeople: boolean;
  established: boolean;
  leaving: boolean;
  /** Invite requests made so far: each gets its own clientContext. */
  batches: number;
  timer?: NodeJS.Timeout;
  keepAlive?: NodeJS.Timeout;
}

const MAX_UNKNOWN_LOGGED = 1000;

/** The calling service over `opts.calls`. */
export function createCalling(opts: CallingOptions): Calling {
  const { calls, sink, clock, logger } = opts;
  const legs = new Map<string, Leg>();
  const unknown = new Set<string>();
  // Joins whose answer has not come back yet: a callback may overtake the answer that names its call.
  const joining = new Set<Promise<unknown>>();
  const timeoutMs = opts.ringTimeoutMs ?? 90_000;

  const outcome = (leg: Leg, userId: string, result: 'answered' | 'declined' | 'missed') => {
    leg.ringing.delete(userId);
    return sink.ring({ kind: 'outcome', meetingId: leg.meeting.id, callId: leg.callId, userId, outcome: result });
  };

  async function leave(callId: string): Promise<void> {
    const leg = legs.get(callId);
    if (leg) leg.leaving = true;
    await calls.hangUp(callId);
  }

  async function place(meeting: Meeting, purpose: Leg['purpose'], people: readonly M365User[]): Promise<string> {
    const register = (async () => {
      const placed = await calls.join(meeting, opts.callbackUri());
      const leg: Leg = { callId: placed.id, meeting, purpose, pending: [...people], ringing: new Map(), present: new Map(), hadPeople: false, established: false, leaving: false, batches: 0 };
      legs.set(placed.id, leg);
      return { placed, leg };
    })();
    joining.add(register);
    const { placed, leg } = await register.finally(() => joining.delete(register));
    // A leg that never gets in (its callbacks lost) must not leave the card ringing.
    leg.timer = setTimeout(() => void expire(leg), timeoutMs);
    leg.timer.unref();
    leg.keepAlive = setInterval(() => void calls.keepAlive(leg.callId).catch((err: unknown) => logger.warn({ err, callId: leg.callId }, 'could not keep a call alive')), opts.keepAliveMs ?? 15 * 60_000);
    leg.keepAlive.unref();
    logger.info({ meetingId: meeting.id, callId: placed.id, purpose, people: people.length }, 'the bot joined a meeting call');
    if (placed.state === 'established') await established(leg);
    return placed.id;
  }

  async function expire(leg: Leg): Promise<void> {
    if (leg.established) return timedOut(leg);
    logger.warn({ callId: leg.callId, meetingId: leg.meeting.id }, 'the bot\'s call leg was not established in time; leaving it');
    forget(leg);
    await calls.hangUp(leg.callId).catch((err: unknown) => logger.warn({ err, callId: leg.callId }, 'could not leave a call that never got established'));
    await sink.ring({ kind: 'left', meetingId: leg.meeting.id, callId: leg.callId, failed: true });
  }

  function forget(leg: Leg): void {
    clearTimeout(leg.timer);
    clearInterval(leg.keepAlive);
    legs.delete(leg.callId);
  }

  async function established(leg: Leg): Promise<void> {
    if (leg.established) return;
    leg.established = true;
    clearTimeout(leg.timer);
    const people = leg.pending;
    leg.pending = [];
    await invite(leg, people);
  }

  /** Rings `people` into the leg's call, in fives; whoever is in already is not rung: they answered, as far as the ring goes. */
  async function invite(leg: Leg, people: readonly M365User[]): Promise<void> {
    const wanted: M365User[] = [];
    for (const user of people) {
      if (!leg.present.has(user.id)) wanted.push(user);
      else await sink.ring({ kind: 'outcome', meetingId: leg.meeting.id, callId: leg.callId, userId: user.id, outcome: 'answered' });
    }
    for (let i = 0; i < wanted.length; i += INVITE_BATCH) {
      const batch = wanted.slice(i, i + INVITE_BATCH);
      const context = `ring:${leg.batches++}`;
      for (const user of batch) leg.ringing.set(user.id, context);
      try {
        await calls.invite(leg.callId, batch, context);
      } catch (err) {
        logger.warn({ err, callId: leg.callId, meetingId: leg.meeting.id }, 'could not ring people into a call');
        for (const user of batch) await outcome(leg, user.id, 'missed');
      }
    }
    if (leg.ringing.size > 0) {
      clearTimeout(leg.timer);
      leg.timer = setTimeout(() => void timedOut(leg), timeoutMs);
      leg.timer.unref();
    }
  }

  async function timedOut(leg: Leg): Promise<void> {
    for (const userId of [...leg.ringing.keys()]) await outcome(leg, userId, 'missed').catch((err: unknown) => logger.warn({ err }, 'could not report an unanswered ring'));
  }

  async function roster(leg: Leg, item: Extract<CommsItem, { kind: 'roster' }>): Promise<void> {
    const next = new Map(item.present ? [] : leg.present);
    for (const user of item.present ?? []) next.set(user.id, user);
    for (const user of item.left) next.delete(user.id);
    for (const user of item.joined) next.set(user.id, user);
    const joined = [...next.values()].filter((user) => !leg.present.has(user.id));
    const left = [...leg.present.values()].filter((user) => !next.has(user.id));
    leg.present = next;
    if (next.size > 0) leg.hadPeople = true;
    for (const user of joined) if (leg.ringing.has(user.id)) await outcome(leg, user.id, 'answered');
    const at = clock.now();
    if (joined.length || left.length) await sink.call({ kind: 'rosterUpdated', joinUrl: leg.meeting.joinUrl, at, joined, left });
    // Following the call: once the last person has left there is nothing to follow, and the call is over.
    if (leg.purpose === 'watch' && leg.hadPeople && next.size === 0 && !leg.leaving) {
      await sink.call({ kind: 'callEnded', joinUrl: leg.meeting.joinUrl, at });
      await leave(leg.callId).catch((err: unknown) => logger.warn({ err, callId: leg.callId }, 'could not leave a call everyone left'));
    }
  }

  async function operation(leg: Leg, item: Extract<CommsItem, { kind: 'operation' }>): Promise<void> {
    // A completed invite is followed by the roster that shows who came; a failed one rang nobody into the call.
    if (item.status.toLowerCase() !== 'failed') return;
    const declined = item.resultCode === 603 || item.resultCode === 486;
    const rung = [...leg.ringing.entries()].filter(([, context]) => item.clientContext === undefined || context === item.clientContext);
    for (const [userId] of rung) if (!leg.present.has(userId)) await outcome(leg, userId, declined ? 'declined' : 'missed');
  }

  async function state(leg: Leg, item: Extract<CommsItem, { kind: 'state' }>): Promise<void> {
    const s = item.state.toLowerCase();
    if (s === 'established') return established(leg);
    if (s !== 'terminated') return;
    forget(leg);
    logger.info({ meetingId: leg.meeting.id, callId: leg.callId, code: item.resultCode }, 'the bot left a meeting call');
    await sink.ring({ kind: 'left', meetingId: leg.meeting.id, callId: leg.callId, ...(leg.established ? {} : { failed: true }) });
  }

  return {
    async ring(meeting, invitees) {
      // Already in this meeting's call (following it): ring from that leg; an app gets one leg per meeting.
      const leg = [...legs.values()].find((l) => l.meeting.id === meeting.id && !l.leaving);
      if (!leg) return place(meeting, 'ring', invitees);
      if (leg.established) await invite(leg, invitees);
      else leg.pending.push(...invitees);
      return leg.callId;
    },
    watch: (meeting) => place(meeting, 'watch', []),
    leave,
    async handle(items) {
      for (const item of items) {
        if (!legs.has(item.callId) && joining.size) await Promise.allSettled([...joining]);
        const leg = legs.get(item.callId);
        if (!leg) {
          if (!unknown.has(item.callId) && unknown.size < MAX_UNKNOWN_LOGGED) {
            unknown.add(item.callId);
            logger.info({ callId: item.callId }, 'calling notification for a call this server did not place; ignored');
          }
          continue;
        }
        try {
          if (item.kind === 'state') await state(leg, item);
          else if (item.kind === 'roster') await roster(leg, item);
          else await operation(leg, item);
        } catch (err) {
          logger.error({ err, callId: item.callId, kind: item.kind }, 'could not apply a calling notification');
        }
      }
    },
    stop() {
      for (const leg of legs.values()) {
        clearTimeout(leg.timer);
        clearInterval(leg.keepAlive);
      }
    },
  };
}
