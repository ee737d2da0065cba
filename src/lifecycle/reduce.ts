// The call lifecycle as Graph models it: the first join starts a group call, the roster changes,
// the call ends when the last person leaves, and joining again starts a new call.
// Events arrive late, twice or out of order, so every step tolerates that. Graph names no call, so order and time
// decide which call an event belongs to: anything after an end starts the next call.
import type { CallState, M365User } from '../meetings/ports';
import type { CallEvent } from './types';

type Live = Extract<CallState, { state: 'live' }>;
type Ended = Extract<CallState, { state: 'ended' }>;

function applyRoster(participants: readonly M365User[], joined: readonly M365User[], left: readonly M365User[]): M365User[] {
  const leaving = new Set(left.map((user) => user.id));
  const byId = new Map<string, M365User>();
  for (const user of participants) if (!leaving.has(user.id)) byId.set(user.id, user);
  for (const user of joined) if (!leaving.has(user.id)) byId.set(user.id, user);
  return [...byId.values()];
}

function sameRoster(a: readonly M365User[], b: readonly M365User[]): boolean {
  return a.length === b.length && a.every((user, i) => user.id === b[i]?.id && user.displayName === b[i]?.displayName);
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/**
 * The id a call gets, from its first event seen: deterministic, so replaying the same events gives the same state.
 * It leaves the join URL out (it admits people to the lobby, and call ids end up in logs).
 */
function callIdFor(event: CallEvent): string {
  return `call@${event.at.toISOString()}`;
}

/** The first event we see of a call: whatever it is, the call has started. */
function fromNewCall(event: CallEvent, previousEndedAt?: Date): CallState {
  const callId = callIdFor(event);
  const after = previousEndedAt ? { previousEndedAt } : {};
  switch (event.kind) {
    case 'callStarted':
      return { state: 'live', callId, since: event.at, participants: [], ...after };
    case 'rosterUpdated':
      return { state: 'live', callId, since: event.at, participants: applyRoster([], event.joined, event.left), ...after };
    case 'callEnded':
      // We missed the whole call; it happened, but its length is unknown.
      return { state: 'ended', callId, startedAt: event.at, endedAt: event.at };
  }
}

function onLive(state: Live, event: CallEvent): CallState {
  switch (event.kind) {
    case 'callStarted': {
      const since = earlier(state.since, event.at);
      return since === state.since ? state : { ...state, since };
    }
    case 'rosterUpdated': {
      const since = earlier(state.since, event.at);
      const participants = applyRoster(state.participants, event.joined, event.left);
      // A repeated delivery changes nothing, so the cards are not re-rendered for it.
      if (since === state.since && sameRoster(participants, state.participants)) return state;
      return { ...state, since, participants };
    }
    case 'callEnded': {
      const endedAt = event.at.getTime() < state.since.getTime() ? state.since : event.at;
      return { state: 'ended', callId: state.callId, startedAt: state.since, endedAt };
    }
  }
}

/**
 * Anything up to an end belongs to that call; after it, a start or a join starts the next call. Nobody joining starts
 * nothing: a late leave or a second end of the same call (two sources report calls: meetingCallEvents and the bot's
 * own leg) is the call that ended.
 */
function byTime(state: Live | Ended, event: CallEvent): CallState {
  const at = event.at.getTime();
  if (state.state === 'ended') {
    if (at <= state.endedAt.getTime()) return state;
    const joins = event.kind === 'callStarted' || (event.kind === 'rosterUpdated' && event.joined.length > 0);
    return joins ? fromNewCall(event, state.endedAt) : state;
  }
  if (state.previousEndedAt && at <= state.previousEndedAt.getTime()) return state;
  return onLive(state, event);
}

/**
 * The call state after `event`. Returns `state` itself (the same object) when the event changes nothing,
 * so callers can skip saving and re-rendering.
 */
export function reduceCall(state: CallState, event: CallEvent): CallState {
  if (state.state === 'idle') return fromNewCall(event);
  return byTime(state, event);
}
