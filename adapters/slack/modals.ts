// The two modals: reschedule (from the card) and schedule (from `/meet schedule` or the global shortcut).
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Locale, RescheduleValues } from '../../src/types';
import { t } from '../../src/i18n';
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

function whenInputs(locale: Locale, initial?: { date: string; time: string; minutes: number }): Record<string, unknown>[] {
  return [
    { type: 'input', block_id: BLOCK.date, label: label(t(locale, 'card.date'), 2000), element: { type: 'datepicker', action_id: 'value', ...(initial ? { initial_date: initial.date } : {}) } },
    { type: 'input', block_id: BLOCK.time, label: label(t(locale, 'card.time'), 2000), element: { type: 'timepicker', action_id: 'value', ...(initial ? { initial_time: initial.time } : {}) } },
    {
      type: 'input',
      block_id: BLOCK.duration,
      label: label(t(locale, 'card.duration'), 2000),
      element: { type: 'number_input', action_id: 'value', is_decimal_allowed: false, min_value: '1', max_value: '1440', initial_value: String(initial?.minutes ?? 30) },
    },
  ];
}

function modal(callbackId: string, title: string, locale: Locale, meta: object, blocks: Record<string, unknown>[]): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: label(title),
    submit: label(t(locale, 'card.save')),
    close: label(t(locale, 'slack.modal.close')),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}

/** The reschedule modal, prefilled with the meeting's current time in the clicker's zone. */
export function rescheduleView(opts: { locale: Locale; timeZone: string; start: Date; end: Date; meta: z.infer<typeof rescheduleMeta> }): Record<string, unknown> {
  const start = DateTime.fromJSDate(opts.start, { zone: opts.timeZone });
  const minutes = Math.max(1, Math.min(1440, Math.round((opts.end.getTime() - opts.start.getTime()) / 60_000)));
  const initial = { date: start.toFormat('yyyy-MM-dd'), time: start.toFormat('HH:mm'), minutes };
  return modal(VIEW_IDS.reschedule, t(opts.locale, 'card.action.reschedule'), opts.locale, opts.meta, whenInputs(opts.locale, initial));
}

/** The schedule modal: subject, people, date, time, duration. */
export function scheduleView(opts: { locale: Locale; defaultMinutes?: number; meta: z.infer<typeof scheduleMeta> }): Record<string, unknown> {
  const blocks = [
    { type: 'input', block_id: BLOCK.subject, optional: true, label: label(t(opts.locale, 'slack.modal.subject'), 2000), element: { type: 'plain_text_input', action_id: 'value', max_length: 250 } },
    { type: 'input', block_id: BLOCK.people, optional: true, label: label(t(opts.locale, 'slack.modal.people'), 2000), element: { type: 'multi_users_select', action_id: 'value', max_selected_items: 50 } },
    ...whenInputs(opts.locale),
  ];
  return modal(VIEW_IDS.schedule, t(opts.locale, 'slack.modal.schedule'), opts.locale, opts.meta, blocks);
}

/** Validated date, time and duration from a submitted modal, or Slack's `errors` map keyed by block id. */
export function readWhen(values: ViewValues, locale: Locale): { ok: true; value: Required<RescheduleValues> } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const date = values[BLOCK.date]?.text ?? '';
  const time = values[BLOCK.time]?.text ?? '';
  const minutesText = values[BLOCK.duration]?.text ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) errors[BLOCK.date] = t(locale, 'slack.modal.required');
  if (!/^\d{2}:\d{2}$/.test(time)) errors[BLOCK.time] = t(locale, 'slack.modal.required');
  const minutes = Number(minutesText);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) errors[BLOCK.duration] = t(locale, 'slack.modal.badDuration');
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { date, time, durationMinutes: minutes } };
}

/** Subject and people from a submitted schedule modal. */
export function readSchedule(values: ViewValues): { subject: string; people: readonly string[] } {
  return { subject: (values[BLOCK.subject]?.text ?? '').trim(), people: values[BLOCK.people]?.users ?? [] };
}

/** Parses a modal's private_metadata with `schema`; undefined when it is not ours. */
export function readMeta<T>(schema: z.ZodType<T>, raw: string): T | undefined {
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
