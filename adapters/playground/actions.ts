// A click in the playground page, from either rendering, read back into the core's action vocabulary with the
// platform adapters' own conventions (Teams verbs `meetbot.<action>` with data; Slack action ids with the meeting id as value).
import { z } from 'zod';
import { VERB_PREFIX } from '../teams/activity';
import { ACTION_IDS } from '../slack/blocks';
import type { ActionId, FormValues } from '../../src/types';

/** The click, as the core reads it. */
export interface Click {
  readonly action: ActionId;
  readonly meetingId: string;
  /** The reschedule form's values as the page sent them; the core checks them. */
  readonly values?: FormValues;
}

const formValues = z
  .object({
    date: z.string().optional(),
    time: z.string().optional(),
    durationMinutes: z.union([z.number(), z.string()]).optional(),
  })
  .loose();

/** What the page posts: the Adaptive Card action (verb and data) or the Slack button (action_id and value), plus form values. */
export const clickSchema = z.union([
  z.object({ source: z.literal('teams'), verb: z.string().optional(), data: z.record(z.string(), z.unknown()).default({}) }),
  z.object({ source: z.literal('slack'), actionId: z.string(), value: z.string().default(''), values: formValues.optional() }),
]);

/** The page's click payload. */
export type ClickPayload = z.infer<typeof clickSchema>;

const ACTIONS: readonly ActionId[] = ['cancel', 'reschedule', 'add_me', 'add_to_calendars', 'ring'];

function toValues(raw: z.infer<typeof formValues> | undefined): FormValues | undefined {
  if (!raw) return undefined;
  const values: FormValues = {
    ...(raw.date ? { date: raw.date } : {}),
    ...(raw.time ? { time: raw.time } : {}),
    ...(raw.durationMinutes !== undefined && raw.durationMinutes !== '' ? { durationMinutes: raw.durationMinutes } : {}),
  };
  return Object.keys(values).length ? values : undefined;
}

/** The click behind `payload`, or undefined for a button meetbot does not handle (the Slack join button only opens its URL). */
export function readClick(payload: ClickPayload): Click | undefined {
  if (payload.source === 'slack') {
    const action = ACTIONS.find((a) => ACTION_IDS[a] === payload.actionId);
    if (!action || !payload.value) return undefined;
    const values = toValues(payload.values);
    return { action, meetingId: payload.value, ...(values ? { values } : {}) };
  }
  const verb = payload.verb ?? (typeof payload.data.verb === 'string' ? payload.data.verb : '');
  const action = verb.startsWith(VERB_PREFIX) ? ACTIONS.find((a) => a === verb.slice(VERB_PREFIX.length)) : undefined;
  const meetingId = payload.data.meetingId;
  if (!action || typeof meetingId !== 'string' || !meetingId) return undefined;
  const parsed = formValues.safeParse(payload.data);
  const values = toValues(parsed.success ? parsed.data : undefined);
  return { action, meetingId, ...(values ? { values } : {}) };
}
