// Delivers call changes to subscribers as Graph change notifications for meetingCallEvents (graph.md §3.2).
import type { LocalContext } from './context';
import type { LocalCallChange } from './calls';
import { graphDate } from './format';
import type { LocalSubscription } from './repo';

/** Where delivery problems are reported (pino's shape, narrowed). */
export interface NotifierLog {
  warn(obj: object, msg?: string): void;
}

function participant(p: LocalCallChange['joined'][number], tenantId: string, left: boolean): Record<string, unknown> {
  return {
    id: p.participantId,
    info: { identity: { user: { id: p.user.id, displayName: p.user.displayName, tenantId } } },
    isInLobby: false,
    ...(left ? { removedState: { reason: 'Participant has left the meeting call.' } } : {}),
  };
}

/** The notification body for one change and one subscription. */
export function notificationBody(ctx: LocalContext, sub: LocalSubscription, c: LocalCallChange): Record<string, unknown> {
  const resource = sub.resource.replace(/^\//, '');
  // The callEvent as Microsoft documents it: its own `id` per event and no call id, so the bot tells calls apart by
  // order and time, exactly as with Graph. The real service sends it encrypted in `encryptedContent` (rich
  // notifications); the local service sends it inline in `resourceData`, which the same parser reads.
  const resourceData: Record<string, unknown> = {
    '@odata.type': '#microsoft.graph.callEvent',
    '@odata.id': `${resource}('${c.eventId}')`,
    id: c.eventId,
    eventType: c.eventType,
    eventDateTime: graphDate(c.at),
  };
  if (c.eventType === 'rosterUpdated') {
    resourceData['participants@delta'] = [...c.joined.map((p) => participant(p, ctx.tenantId, false)), ...c.left.map((p) => participant(p, ctx.tenantId, true))];
  }
  return {
    value: [
      {
        subscriptionId: sub.id,
        clientState: sub.clientState,
        changeType: 'updated',
        tenantId: ctx.tenantId,
        organizationId: ctx.tenantId,
        resource,
        subscriptionExpirationDateTime: graphDate(sub.expirationDateTime),
        resourceData,
      },
    ],
  };
}

/** Posts `change` to every live subscription on its meeting; failures are logged, never thrown. */
export async function deliver(ctx: LocalContext, change: LocalCallChange, fetchFn: typeof fetch, log: NotifierLog): Promise<void> {
  const subs = await ctx.repo.subscriptionsFor(change.meeting.joinToken, ctx.now());
  for (const sub of subs) {
    try {
      const res = await fetchFn(sub.notificationUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(notificationBody(ctx, sub, change)),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      if (res.status >= 300) log.warn({ subscriptionId: sub.id, status: res.status }, 'notification endpoint refused a call event');
    } catch (err) {
      log.warn({ subscriptionId: sub.id, err }, 'could not deliver a call event');
    }
  }
}
