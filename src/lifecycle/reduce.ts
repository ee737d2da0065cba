// The call lifecycle as Graph models it: the first join starts a group call, the roster changes,
// the call ends when the last person leaves, and joining again starts a new call with a new id.
// Events arrive late, twice or out of order, so every step tolerates that.
import type { CallState, M365User } from '../meetings/ports';
import type { CallEvent } from './types';

type Live = Extract<CallState, { state: 'live' }>;

function startedAt(state: CallState): Date | undefined {
  if (state.state === 'live') return state.since;
  if (state.state === 'ended') return state.startedAt;
  return undefined;
}

function applyRoster(participants: readonly M365User[], joined: readonly M365User[], left: readonly M365User[]): M365User[] {
  const leaving = new Set(left.map((user) => user.id));
  const byId = new Map<string, M365User>();
  for (const user of participants) if (!leaving.has(user.id)) byId.set(user.id, user);
  for (const user of joined) if (!leaving.has(user.id)) byId.set(user.id, user);
  return [...byId.values()];
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** The first event we see of a call: whatever it is, the call has started. */
function fromNewCall(event: CallEvent): CallState {
  switch (event.kind) {
    case 'callStarted':
      return { state: 'live', callId: event.callId, since: event.at, participants: [] };
    case 'rosterUpdated':
      return { state: 'live', callId: event.callId, since: event.at, participants: applyRoster([], event.joined, event.left) };
    case 'callEnded':
      // We missed the whole call; it happened, but its length is unknown.
      return { state: 'ended', callId: event.callId, startedAt: event.at, endedAt: event.at };
  }
}

function onLive(state: Live, event: CallEvent): CallState {
  switch (event.kind) {
    case 'callStarted': {
      const since = earlier(state.since, event.at);
      return since === state.since ? state : { ...state, since };
    }
    case 'rosterUpdated':
      return {
        ...state,
        since: earlier(state.since, event.at),
        participants: applyRoster(state.participants, event.joined, event.left),
      };
    case 'callEnded': {
      const endedAt = event.at.getTime() < state.since.getTime() ? state.since : event.at;
      return { state: 'ended', callId: state.callId, startedAt: state.since, endedAt };
    }
  }
}

/**
 * The call state after `event`. Returns `state` itself (the same object) when the event changes nothing,
 * so callers can skip saving and re-rendering.
 */
export function reduceCall(state: CallState, event: CallEvent): CallState {
  if (state.state === 'idle') return fromNewCall(event);
  if (event.callId !== state.callId) {
    // Another call: a stale one from before the current call began, or a new call after it.
    const current = startedAt(state);
    if (current && event.at.getTime() < current.getTime()) return state;
    return fromNewCall(event);
  }
  // The same call: after it ended, only late duplicates arrive.
  if (state.state === 'ended') return state;
  return onLive(state, event);
}
