// The two modals: reschedule (from the card) and schedule (from `/meet schedule` or the global shortcut).
import { z } from 'zod';
import type { FormValues, Locale } from '../../src/types';
import { t, type FormCheck } from '../../src/bot-api';
import type { ViewValues } from './input';
import { truncate } from './mrkdwn';

/** Callback ids of the modals, as their submissions come back. */
export const VIEW_IDS = { reschedule: 'meetbot_reschedule_modal', schedule: 'meetbot_schedule_modal' } as const;

/** The global shortcut's callback id. */
export const SHORTCUT_ID = 'meetbot_schedule';

const BLOCK = { subject: 'subject', people: 'people', date: 'date', time: 'time', duration: 'duration' } as const;

/** What the reschedule modal carries to its submission. */
export const rescheduleMeta = z.object({ meetingId: z.string(), channelId: z.string().optional(), messageTs: z.string().optional(), responseUrl: z.string().optional(), isEphemeral: z.boolean().optional() });
/** What the schedule modal carries to its submission. */
export const scheduleMeta = z.object({ channelId: z.string().optional(), responseUrl: z.string().optional(), enterpriseId: z.string().optional() });

const label = (text: string, max = 24) => ({ type: 'plain_text', text: truncate(text, max) });

/** The date, time and length a form starts with. */
export interface WhenInitial {
  readonly date: string;
  readonly time: string;
  readonly durationMinutes: number;
}

function whenInputs(locale: Locale, initial?: WhenInitial): Record<string, unknown>[] {
  return [
    { type: 'input', block_id: BLOCK.date, label: label(t(locale, 'card.date'), 2000), element: { type: 'datepicker', action_id: 'value', ...(initial ? { initial_date: initial.date } : {}) } },
    { type: 'input', block_id: BLOCK.time, label: label(t(locale, 'card.time'), 2000), element: { type: 'timepicker', action_id: 'value', ...(initial ? { initial_time: initial.time } : {}) } },
    {
      type: 'input',
      block_id: BLOCK.duration,
      label: label(t(locale, 'card.duration'), 2000),
      element: { type: 'number_input', action_id: 'value', is_decimal_allowed: false, min_value: '1', max_value: '1440', initial_value: String(initial?.durationMinutes ?? 30) },
    },
  ];
}

function modal(callbackId: string, title: string, locale: Locale, meta: object, blocks: Record<string, unknown>[]): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: label(title),
    submit: label(t(locale, 'card.save')),
    close: label(t(locale, 'form.close')),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}

/** The reschedule modal, prefilled with the meeting's current time in the clicker's zone (the core works it out). */
export function rescheduleView(opts: { locale: Locale; initial: WhenInitial; meta: z.infer<typeof rescheduleMeta> }): Record<string, unknown> {
  return modal(VIEW_IDS.reschedule, t(opts.locale, 'card.action.reschedule'), opts.locale, opts.meta, whenInputs(opts.locale, opts.initial));
}

/** The schedule modal: subject, people, date, time, duration. */
export function scheduleView(opts: { locale: Locale; defaultMinutes?: number; meta: z.infer<typeof scheduleMeta> }): Record<string, unknown> {
  const blocks = [
    { type: 'input', block_id: BLOCK.subject, optional: true, label: label(t(opts.locale, 'form.subject'), 2000), element: { type: 'plain_text_input', action_id: 'value', max_length: 250 } },
    { type: 'input', block_id: BLOCK.people, optional: true, label: label(t(opts.locale, 'form.people'), 2000), element: { type: 'multi_users_select', action_id: 'value', max_selected_items: 50 } },
    ...whenInputs(opts.locale),
  ];
  return modal(VIEW_IDS.schedule, t(opts.locale, 'form.schedule'), opts.locale, opts.meta, blocks);
}

/** The date, time and duration of a submitted modal, as typed (the core checks them). */
export function readWhen(values: ViewValues): FormValues {
  return {
    date: values[BLOCK.date]?.text ?? '',
    time: values[BLOCK.time]?.text ?? '',
    durationMinutes: values[BLOCK.duration]?.text ?? '',
  };
}

/** The core's words for wrong fields, as Slack's `errors` map keyed by block id. */
export function blockErrors(check: Extract<FormCheck, { ok: false }>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (check.errors.date) errors[BLOCK.date] = check.errors.date;
  if (check.errors.time) errors[BLOCK.time] = check.errors.time;
  if (check.errors.durationMinutes) errors[BLOCK.duration] = check.errors.durationMinutes;
  return errors;
}

/** Subject and people from a submitted schedule modal. */
export function readSchedule(values: ViewValues): { subject: string; people: readonly string[] } {
  return { subject: (values[BLOCK.subject]?.text ?? '').trim(), people: values[BLOCK.people]?.users ?? [] };
}

/** Parses a modal's private_metadata with `schema`; undefined when it is not ours. */
export function readMeta<T>(schema: z.ZodType<T>, raw: string): T | undefined {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined; // not JSON: not metadata this app wrote; the caller says so
  }
  const r = schema.safeParse(json);
  return r.success ? r.data : undefined;
}
