// Parses a Bot Framework activity from Teams once, at the edge, into a tagged union; everything after is typed.
import { z } from 'zod';
import type { ActionId, FormValues } from '../../src/types';
import { isValidTimeZone } from '../../src/bot-api';
import { wellFormedDeep } from '../unicode';

const account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() });

const entity = z
  .object({
    type: z.string(),
    text: z.string().optional(),
    mentioned: z.object({ id: z.string(), name: z.string().optional(), type: z.string().optional() }).optional(),
    timezone: z.string().optional(),
    locale: z.string().optional(),
  })
  .loose();

const activitySchema = z
  .object({
    type: z.string(),
    id: z.string().optional(),
    name: z.string().optional(),
    channelId: z.string().optional(),
    serviceUrl: z.string().optional(),
    text: z.string().optional(),
    value: z.unknown().optional(),
    replyToId: z.string().optional(),
    locale: z.string().optional(),
    localTimezone: z.string().optional(),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string().min(1), conversationType: z.string().optional(), tenantId: z.string().optional() }).loose(),
    channelData: z
      .object({
        tenant: z.object({ id: z.string() }).optional(),
        team: z.object({ id: z.string() }).optional(),
      })
      .loose()
      .optional(),
    entities: z.array(entity).optional(),
  })
  .loose();

/** A mention entity as Teams sends it. */
export interface RawMention {
  readonly id: string;
  readonly name?: string;
  /** `person` (absent), `tag`, `channel`, `team`. */
  readonly kind?: string;
  readonly text: string;
}

/** What every parsed activity carries. */
export interface ActivityBase {
  readonly id: string;
  readonly serviceUrl: string;
  readonly from: { readonly id: string; readonly name?: string; readonly aadObjectId?: string };
  readonly bot: { readonly id: string; readonly name?: string };
  readonly conversationId: string;
  readonly conversationType: 'personal' | 'groupChat' | 'channel';
  readonly tenantId?: string;
  readonly teamId?: string;
  readonly replyToId?: string;
  readonly locale?: string;
  readonly timeZone?: string;
}

/** A card button, from Action.Execute or its Action.Submit fallback. */
export interface CardClick {
  readonly action: ActionId;
  readonly meetingId: string;
  /** The reschedule form's values as Teams sent them; the core checks them. */
  readonly values: FormValues;
}

/** A Teams activity as the adapter understands it. */
export type TeamsActivity =
  | ({ readonly kind: 'command'; readonly text: string; readonly mentions: readonly RawMention[] } & ActivityBase)
  | ({ readonly kind: 'submit'; readonly click: CardClick } & ActivityBase)
  | ({ readonly kind: 'execute'; readonly click: CardClick } & ActivityBase)
  | { readonly kind: 'ignored'; readonly reason: string };

/** The verb prefix on every card action. */
export const VERB_PREFIX = 'meetbot.';

const clickData = z
  .object({
    verb: z.string().optional(),
    meetingId: z.string().min(1),
    date: z.string().optional(),
    time: z.string().optional(),
    durationMinutes: z.union([z.number(), z.string()]).optional(),
  })
  .loose();

const ACTIONS: readonly ActionId[] = ['cancel', 'reschedule', 'add_me', 'add_to_calendars', 'ring'];

function toClick(verb: string | undefined, data: unknown): CardClick | undefined {
  const parsed = clickData.safeParse(data);
  if (!parsed.success) return undefined;
  const name = (verb ?? parsed.data.verb ?? '').startsWith(VERB_PREFIX) ? (verb ?? parsed.data.verb ?? '').slice(VERB_PREFIX.length) : '';
  const action = ACTIONS.find((a) => a === name);
  if (!action) return undefined;
  const { date, time, durationMinutes } = parsed.data;
  const values: FormValues = {
    ...(date ? { date } : {}),
    ...(time ? { time } : {}),
    ...(durationMinutes !== undefined && durationMinutes !== '' ? { durationMinutes } : {}),
  };
  return { action, meetingId: parsed.data.meetingId, values };
}

const executeValue = z.object({ action: z.object({ type: z.string(), verb: z.string().optional(), data: z.unknown().optional() }) });

/** Parses a raw activity; unknown shapes become `ignored` with a reason, never an exception. */
export function parseActivity(raw: unknown): TeamsActivity {
  const parsed = activitySchema.safeParse(wellFormedDeep(raw));
  if (!parsed.success) return { kind: 'ignored', reason: `unexpected activity shape: ${parsed.error.issues[0]?.path.join('.') ?? ''}` };
  const a = parsed.data;
  if (!a.id) return { kind: 'ignored', reason: 'activity without id' };
  if (!a.serviceUrl) return { kind: 'ignored', reason: 'activity without serviceUrl' };
  const clientInfo = a.entities?.find((e) => e.type === 'clientInfo');
  const type = a.conversation.conversationType;
  const conversationType = type === 'channel' || type === 'groupChat' ? type : 'personal';
  const locale = a.locale ?? clientInfo?.locale;
  const timeZone = [a.localTimezone, clientInfo?.timezone].find((zone) => isValidTimeZone(zone));
  const tenantId = a.channelData?.tenant?.id ?? a.conversation.tenantId;
  const base: ActivityBase = {
    id: a.id,
    serviceUrl: a.serviceUrl,
    from: a.from,
    bot: a.recipient,
    conversationId: a.conversation.id,
    conversationType,
    ...(tenantId ? { tenantId } : {}),
    ...(a.channelData?.team?.id ? { teamId: a.channelData.team.id } : {}),
    ...(a.replyToId ? { replyToId: a.replyToId } : {}),
    ...(locale ? { locale } : {}),
    ...(timeZone ? { timeZone } : {}),
  };

  if (a.type === 'invoke') {
    if (a.name !== 'adaptiveCard/action') return { kind: 'ignored', reason: `invoke ${a.name ?? '(no name)'}` };
    const value = executeValue.safeParse(a.value);
    const click = value.success ? toClick(value.data.action.verb, value.data.action.data) : undefined;
    return click ? { kind: 'execute', click, ...base } : { kind: 'ignored', reason: 'adaptiveCard/action without a meetbot verb' };
  }
  if (a.type !== 'message') return { kind: 'ignored', reason: `activity type ${a.type}` };
  if (a.value !== undefined && a.value !== null && !a.text?.trim()) {
    const click = toClick(undefined, a.value);
    return click ? { kind: 'submit', click, ...base } : { kind: 'ignored', reason: 'submit without a meetbot verb' };
  }
  const mentions: RawMention[] = (a.entities ?? []).flatMap((e) =>
    e.type === 'mention' && e.mentioned && e.text
      ? [{ id: e.mentioned.id, text: e.text, ...(e.mentioned.name ? { name: e.mentioned.name } : {}), ...(e.mentioned.type ? { kind: e.mentioned.type } : {}) }]
      : [],
  );
  return { kind: 'command', text: a.text ?? '', mentions, ...base };
}
