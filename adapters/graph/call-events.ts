// Graph change notifications for meetingCallEvents → the core's CallEvents. Parsed once, here.
import { z } from 'zod';
import type { CallEvent } from '../../src/lifecycle/types';
import type { M365User } from '../../src/meetings/ports';
import { fail, ok, type Result } from '../../src/errors';

const str = z.string().nullish();

const deltaParticipant = z.object({
  id: str,
  info: z.object({ identity: z.object({ user: z.object({ id: str, displayName: str }).nullish() }).nullish() }).nullish(),
  isInLobby: z.boolean().nullish(),
  removedState: z.object({ reason: str }).nullish(),
});

/** The call event: decrypted rich content, or (from the local service) inline in `resourceData`. */
const callEventSchema = z.object({
  id: str,
  callId: str,
  eventType: z.string(),
  eventDateTime: str,
  'participants@delta': z.array(deltaParticipant).nullish(),
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

const EVENT_KINDS: Record<string, CallEvent['kind']> = {
  callstarted: 'callStarted',
  callended: 'callEnded',
  rosterupdated: 'rosterUpdated',
  'microsoft.communication.callstarted': 'callStarted',
  'microsoft.communication.callended': 'callEnded',
  'microsoft.communication.callrosterupdate': 'rosterUpdated',
};

/** Graph's subscription resource for one meeting's call events; the join URL is encoded once more inside it. */
export function callEventsResource(joinUrl: string): string {
  return `communications/onlineMeetings(joinWebUrl='${encodeURIComponent(joinUrl)}')/meetingCallEvents`;
}

/** The join URL inside a subscription resource (current `joinWebUrl='…'` form or the legacy `$filter=JoinWebUrl eq '…'`). */
export function joinUrlFromResource(resource: string): string | undefined {
  const match = /joinWebUrl='((?:[^']|'')*)'/i.exec(resource) ?? /JoinWebUrl\s+eq\s+'((?:[^']|'')*)'/i.exec(resource);
  if (!match?.[1]) return undefined;
  try {
    // Exactly one decode: what remains (`%3a`, `%22` …) belongs to the join URL itself.
    const url = decodeURIComponent(match[1].replace(/''/g, "'"));
    return /^https?:\/\//i.test(url) ? url : undefined;
  } catch {
    return undefined;
  }
}

function toUser(p: z.infer<typeof deltaParticipant>): M365User | undefined {
  const user = p.info?.identity?.user;
  if (!user?.id) return undefined;
  return { id: user.id, displayName: user.displayName || user.id };
}

/** One notification item → a CallEvent, or undefined when it carries no readable event (encrypted, other kinds). */
export function toCallEvent(item: GraphNotification): Result<CallEvent | undefined> {
  const joinUrl = joinUrlFromResource(item.resource);
  if (!joinUrl) return fail('graph_bad_request', { detail: 'the resource names no joinWebUrl' });
  const event = callEventSchema.safeParse(item.resourceData ?? {});
  if (!event.success) return ok(undefined);
  const kind = EVENT_KINDS[event.data.eventType.toLowerCase()];
  if (!kind) return ok(undefined);
  const at = event.data.eventDateTime ? new Date(event.data.eventDateTime) : new Date();
  if (Number.isNaN(at.getTime())) return fail('graph_bad_request', { detail: 'eventDateTime is not a date-time' });
  const callId = event.data.callId ?? event.data.id ?? joinUrl;
  if (kind !== 'rosterUpdated') return ok({ kind, joinUrl, callId, at });
  const joined: M365User[] = [];
  const left: M365User[] = [];
  for (const p of event.data['participants@delta'] ?? []) {
    const user = toUser(p);
    if (!user) continue;
    if (p.removedState) left.push(user);
    else if (!p.isInLobby) joined.push(user);
  }
  return ok({ kind, joinUrl, callId, at, joined, left });
}
