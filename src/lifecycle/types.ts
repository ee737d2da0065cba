// Call lifecycle events, as the notifications adapter parses them from Graph's meetingCallEvents.
import type { M365User } from '../meetings/ports';

/**
 * Something that happened to a meeting's call. `joinUrl` identifies the meeting, as in Graph's subscription resource.
 * Graph names no call (each event's `id` names the event, or in the legacy shape the meeting), so the reducer tells
 * one call from the next by order and time alone.
 */
export type CallEvent =
  | { readonly kind: 'callStarted'; readonly joinUrl: string; readonly at: Date }
  | {
      readonly kind: 'rosterUpdated';
      readonly joinUrl: string;
      readonly at: Date;
      /** Who joined and who left since the last update (Graph's `participants@delta`). */
      readonly joined: readonly M365User[];
      readonly left: readonly M365User[];
    }
  | { readonly kind: 'callEnded'; readonly joinUrl: string; readonly at: Date };
