// The Calls API's callbacks to our callbackUri (graph.md §4.2–4.3): `commsNotifications` about the bot's own call —
// its state, its roster, and the invite operations — parsed once, at the edge, into a tagged union.
import { z } from 'zod';
import type { M365User } from '../../src/bot-api';
import { rosterDelta } from './call-participants';

/** One thing a calling callback said about one of the bot's calls. */
export type CommsItem =
  | { readonly kind: 'state'; readonly callId: string; readonly state: string; readonly resultCode?: number }
  /** The whole roster (`present`: every person in the call, apps and the bot itself left out), or a delta of it. */
  | { readonly kind: 'roster'; readonly callId: string; readonly present?: M365User[]; readonly joined: M365User[]; readonly left: M365User[] }
  | {
      readonly kind: 'operation';
      readonly callId: string;
      readonly operationId: string;
      readonly status: string;
      readonly clientContext?: string;
      /** resultInfo.code of a finished operation (603: declined; 408, 480, 487: not answered). */
      readonly resultCode?: number;
    };

const resultInfo = z.object({ code: z.number().nullish(), subcode: z.number().nullish(), message: z.string().nullish() }).nullish();
const itemSchema = z.object({
  changeType: z.string().nullish(),
  resourceUrl: z.string().nullish(),
  resource: z.string().nullish(),
  resourceData: z.unknown(),
});
/** The callback body: `{ "@odata.type": "#microsoft.graph.commsNotifications", value: [commsNotification] }`. */
export const commsEnvelopeSchema = z.object({ value: z.array(z.unknown()).max(1000) });

const callData = z.object({ state: z.string(), resultInfo }).passthrough();
const operationData = z.object({ id: z.string().nullish(), status: z.string(), clientContext: z.string().nullish(), resultInfo }).passthrough();
const deltaData = z.object({ '@odata.type': z.literal('#microsoft.graph.deltaParticipants'), participants: z.array(z.unknown()) }).passthrough();

// `/communications/calls/{id}[/participants | /operations/{opId}]`, or the older `/app/calls/{id}…`.
const PATH = /^\/?(?:communications|app)\/calls\/([^/?#]+)(?:\/(participants|operations)(?:\/([^/?#]+))?)?\/?$/i;

function item(raw: unknown): CommsItem | undefined {
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { resourceUrl, resource, resourceData, changeType } = parsed.data;
  const match = PATH.exec(resourceUrl ?? resource ?? '');
  const callId = match?.[1] ? decodeURIComponent(match[1]) : undefined;
  if (!callId) return undefined;
  const tail = match?.[2]?.toLowerCase();
  if (tail === 'participants') {
    const list = Array.isArray(resourceData) ? resourceData : [];
    const deltas = list.map((entry) => deltaData.safeParse(entry)).filter((r) => r.success).map((r) => r.data);
    if (deltas.length) {
      const { joined, left } = rosterDelta({ delta: deltas.flatMap((d) => d.participants) });
      return { kind: 'roster', callId, joined, left };
    }
    // A full roster: whoever is not listed has left.
    const { joined } = rosterDelta({ delta: list });
    return { kind: 'roster', callId, present: joined, joined, left: [] };
  }
  if (tail === 'operations') {
    const op = operationData.safeParse(resourceData);
    if (!op.success) return undefined;
    const operationId = match?.[3] ? decodeURIComponent(match[3]) : (op.data.id ?? '');
    const code = op.data.resultInfo?.code;
    return { kind: 'operation', callId, operationId, status: op.data.status, ...(op.data.clientContext ? { clientContext: op.data.clientContext } : {}), ...(typeof code === 'number' ? { resultCode: code } : {}) };
  }
  const call = callData.safeParse(resourceData);
  if (!call.success) return undefined;
  const code = call.data.resultInfo?.code;
  const state = changeType === 'deleted' ? 'terminated' : call.data.state;
  return { kind: 'state', callId, state, ...(typeof code === 'number' ? { resultCode: code } : {}) };
}

/** Every readable item of a callback body, in order; unreadable items are skipped. Undefined when the body is no envelope. */
export function parseCommsNotifications(body: unknown): CommsItem[] | undefined {
  const envelope = commsEnvelopeSchema.safeParse(body);
  if (!envelope.success) return undefined;
  return envelope.data.value.map(item).filter((i): i is CommsItem => i !== undefined);
}
