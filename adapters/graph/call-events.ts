// Graph change notifications for meetingCallEvents → the core's CallEvents. Parsed once, here.
import { z } from 'zod';
import { fail, ok, type CallEvent, type Result } from '../../src/bot-api';
import { rosterDelta } from './call-participants';

const str = z.string().nullish();
const entries = z.array(z.unknown()).nullish();

/**
 * The call event, in either documented shape: the current callEvent (`callEventType`, or `eventType` as older pages
 * name it, with `participants@delta`) or the legacy onlineMeeting payload (`Microsoft.Communication.*` event types,
 * `activeParticipants@joined` / `@exited`; Microsoft's Node sample reads `@delta` / `@remove`). It comes decrypted
 * from rich notifications, or inline in `resourceData` (Graph without includeResourceData, and the local service,
 * which sends exactly these shapes over HTTP like Graph).
 * Extra fields are ignored.
 */
const callEventSchema = z.object({
  // Graph's `id` names the event (or, legacy, the meeting), never the call: it is not read.
  callEventType: str,
  eventType: str,
  eventDateTime: str,
  'participants@delta': entries,
  'activeParticipants@joined': entries,
  'activeParticipants@delta': entries,
  'activeParticipants@exited': entries,
  'activeParticipants@remove': entries,
});

const notificationSchema = z.object({
  subscriptionId: str,
  clientState: str,
  changeType: str,
  resource: z.string(),
  resourceData: z.record(z.string(), z.unknown()).nullish(),
  encryptedContent: z.unknown().optional(),
});

/** The envelope Graph posts to the notification URL. */
export const notificationEnvelopeSchema = z.object({ value: z.array(notificationSchema) });

/** One parsed notification item, before the clientState check. */
export type GraphNotification = z.infer<typeof notificationSchema>;

// A Map, not an object literal: an event type such as "constructor" must not find Object.prototype.
const EVENT_KINDS = new Map<string, CallEvent['kind']>([
  ['callstarted', 'callStarted'],
  ['callended', 'callEnded'],
  ['rosterupdated', 'rosterUpdated'],
  ['microsoft.communication.callstarted', 'callStarted'],
  ['microsoft.communication.callended', 'callEnded'],
  ['microsoft.communication.callrosterupdate', 'rosterUpdated'],
]);

/** Graph's subscription resource for one meeting's call events; the join URL is encoded once more inside it. */
export function callEventsResource(joinUrl: string): string {
  return `communications/onlineMeetings(joinWebUrl='${encodeURIComponent(joinUrl)}')/meetingCallEvents`;
}

/** The join URL inside a subscription resource (current `joinWebUrl='…'` form or the legacy `$filter=JoinWebUrl eq '…'`). */
export function joinUrlFromResource(resource: string): string | undefined {
  const match = /joinWebUrl='((?:[^']|'')*)'/i.exec(resource) ?? /JoinWebUrl(?:\s+|\+)eq(?:\s+|\+)'((?:[^']|'')*)'/i.exec(resource);
  const value = match?.[1]?.replace(/''/g, "'");
  if (!value) return undefined;
  // The current form carries the join URL encoded once more (`https%3A%2F%2F…`); the legacy $filter form carries it
  // as it is. Undo exactly that one extra layer: what remains (`%3a`, `%22` …) belongs to the join URL itself.
  if (/^https?:\/\//i.test(value)) return value;
  try {
    const url = decodeURIComponent(value);
    return /^https?:\/\//i.test(url) ? url : undefined;
  } catch {
    return undefined;
  }
}

function kindOf(...names: Array<string | null | undefined>): CallEvent['kind'] | undefined {
  for (const name of names) {
    const kind = name ? EVENT_KINDS.get(name.toLowerCase()) : undefined;
    if (kind) return kind;
  }
  return undefined;
}

/** One notification item → a CallEvent, or undefined when it carries no readable event (encrypted, other kinds). */
export function toCallEvent(item: GraphNotification): Result<CallEvent | undefined> {
  const joinUrl = joinUrlFromResource(item.resource);
  if (!joinUrl) return fail('graph_bad_request', { detail: 'the resource names no joinWebUrl' });
  const event = callEventSchema.safeParse(item.resourceData ?? {});
  if (!event.success) return ok(undefined);
  const data = event.data;
  // The resource type names it callEventType; the notification docs say eventType. Either will do.
  const kind = kindOf(data.callEventType, data.eventType);
  if (!kind) return ok(undefined);
  const at = data.eventDateTime ? new Date(data.eventDateTime) : new Date();
  if (Number.isNaN(at.getTime())) return fail('graph_bad_request', { detail: 'eventDateTime is not a date-time' });
  const base = { joinUrl, at };
  if (kind !== 'rosterUpdated') return ok({ kind, ...base });
  const { joined, left } = rosterDelta({
    delta: data['participants@delta'],
    joined: [...(data['activeParticipants@joined'] ?? []), ...(data['activeParticipants@delta'] ?? [])],
    exited: [...(data['activeParticipants@exited'] ?? []), ...(data['activeParticipants@remove'] ?? [])],
  });
  return ok({ kind, ...base, joined, left });
}
