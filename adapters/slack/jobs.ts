// Slack work that outlives its request: each kind is recorded before the ack (as plain JSON, read back here with
// the same care as a payload from Slack: it comes from the store, maybe written by another version) and finished by
// whichever instance takes its job.
import { z } from 'zod';
import type { Attempt, DurableWork } from '../jobs/durable';
import { act, type ClickedCard } from './clicks';
import { invoke, type TextTrigger } from './commands';
import type { SlackDeps } from './deps';
import { openDirect } from './forms';

/** The kinds of Slack work. */
export const SLACK_WORK = { text: 'slack.text', click: 'slack.click', schedule: 'slack.schedule' } as const;

const formValues = z.object({ date: z.string().optional(), time: z.string().optional(), durationMinutes: z.union([z.number(), z.string()]).optional() });

const textTrigger = z.object({
  teamId: z.string(),
  enterpriseId: z.string().optional(),
  userId: z.string(),
  channelId: z.string(),
  threadTs: z.string().optional(),
  text: z.string(),
  idempotencyKey: z.string(),
  responseUrl: z.string().optional(),
  isDirect: z.boolean(),
  trigger: z.enum(['command', 'mention', 'direct']).optional(),
  botUserId: z.string().optional(),
  form: z.object({ meet: z.object({ subject: z.string(), values: formValues }), people: z.array(z.string()) }).optional(),
});

const clickedCard = z.object({
  teamId: z.string(),
  userId: z.string(),
  meetingId: z.string(),
  channelId: z.string().optional(),
  messageTs: z.string().optional(),
  isEphemeral: z.boolean().optional(),
  responseUrl: z.string().optional(),
});

const click = z.object({
  clicked: clickedCard,
  action: z.enum(['cancel', 'reschedule', 'add_me', 'add_to_calendars', 'ring']),
  idempotencyKey: z.string(),
  values: formValues.optional(),
});

/** A schedule form submitted outside a channel: its DM is opened by the job. */
const schedule = z.object({ trigger: textTrigger.omit({ channelId: true }), channelId: z.string().optional() });

/** A click on a card, as recorded. */
export type RecordedClick = z.infer<typeof click>;

/** Zod's output with absent optionals dropped, as the handlers' exact optional types want. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function parsed<T>(schema: z.ZodType<T>, payload: unknown, what: string): T {
  const r = schema.safeParse(payload);
  if (!r.success) throw new Error(`unreadable recorded Slack ${what}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return r.data;
}

/** Registers how each kind of recorded Slack work is finished. */
export function registerSlackWork(work: DurableWork, deps: SlackDeps): void {
  work.handle(SLACK_WORK.text, (payload, attempt: Attempt) => invoke(deps, compact(parsed(textTrigger, payload, 'message')) as TextTrigger, attempt));
  work.handle(SLACK_WORK.click, (payload, attempt) => {
    const c = parsed(click, payload, 'click');
    return act(deps, compact(c.clicked) as ClickedCard, c.action, c.idempotencyKey, c.values ? compact(c.values) : undefined, attempt);
  });
  work.handle(SLACK_WORK.schedule, async (payload, attempt) => {
    const s = parsed(schedule, payload, 'form');
    const channelId = s.channelId ?? (await openDirect(deps, s.trigger.userId));
    await invoke(deps, compact({ ...s.trigger, channelId }) as TextTrigger, attempt);
  });
}
