// The bot's own call leg, as the Calls API reports it: how each person rung answered, and when the bot left.
// Notifications arrive late, twice or out of order, so every step tolerates that.
import type { RingOutcome, RingState } from '../meetings/ports';

/** Something that happened to the bot's leg in a meeting's call (Graph's commsNotifications, parsed by the adapter). */
export type RingEvent =
  | {
      readonly kind: 'outcome';
      readonly meetingId: string;
      readonly callId: string;
      /** The Entra object id of the person rung. */
      readonly userId: string;
      readonly outcome: 'answered' | 'declined' | 'missed';
    }
  /** The bot's leg ended (it left, was removed, or never got in: `failed`). */
  | { readonly kind: 'left'; readonly meetingId: string; readonly callId: string; readonly failed?: boolean };

/** A final answer is final: a late "declined" never undoes "answered", but joining after all wins over a decline or a miss. */
function settles(before: RingOutcome, after: RingOutcome): boolean {
  if (before === after) return false;
  if (before === 'ringing') return true;
  return after === 'answered' && (before === 'missed' || before === 'declined');
}

/** True while somebody's phone still rings. */
export const stillRinging = (ring: RingState): boolean => !ring.over && ring.invitees.some((i) => i.outcome === 'ringing');

/**
 * The ring after `event`; `ring` itself (the same object) when the event changes nothing. An event of another call
 * than the ring's (an earlier ring) changes nothing; the first event may name the call before the ring has recorded it.
 */
export function reduceRing(ring: RingState, event: RingEvent): RingState {
  if (ring.callId !== undefined && ring.callId !== event.callId) return ring;
  const named = ring.callId === undefined ? { ...ring, callId: event.callId } : ring;
  if (event.kind === 'left') {
    if (ring.over) return ring;
    // Whoever still rang when the bot left did not answer.
    const invitees = named.invitees.map((i) => (i.outcome === 'ringing' ? { ...i, outcome: 'missed' as const } : i));
    return { ...named, invitees, over: true, ...(event.failed ? { failed: true } : {}) };
  }
  const outcome = event.outcome;
  let changed = false;
  const invitees = named.invitees.map((i) => {
    if (i.user.id !== event.userId || !settles(i.outcome, outcome)) return i;
    changed = true;
    return { ...i, outcome };
  });
  return changed ? { ...named, invitees } : ring;
}
