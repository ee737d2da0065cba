// Date, time and length from a form (the schedule form, every reschedule form) -> start and end, checked once, here,
// in the sender's zone and with the same rules as a typed time.
import { DateTime } from 'luxon';
import { GRACE_MS } from '../commands/resolve';
import { MAX_MINUTES } from '../commands/validate';
import { BotError } from '../errors';
import { t } from '../i18n';
import { formatDateTime, wallClock } from '../i18n/format';
import type { FormValues, Locale } from '../types';
import type { Meeting } from './ports';

/** A form field the core reads. */
export type FormField = 'date' | 'time' | 'durationMinutes';

/** What is wrong with one field. */
export interface FieldProblem {
  readonly field: FormField;
  readonly problem: 'missing' | 'malformed' | 'not_whole' | 'not_positive' | 'too_long';
  readonly value: string;
}

/** The form's values once their shape is right. */
export interface CheckedForm {
  readonly date?: string;
  readonly time?: string;
  readonly minutes?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^(\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/** Checks each value's shape; with `required`, every field must be there. The one validation of form values. */
export function checkForm(values: FormValues, required: boolean): { ok: true; value: CheckedForm } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const out: { date?: string; time?: string; minutes?: number } = {};
  const date = values.date?.trim() ?? '';
  const time = values.time?.trim() ?? '';
  const length = values.durationMinutes === undefined ? '' : String(values.durationMinutes).trim();
  if (date === '') {
    if (required) problems.push({ field: 'date', problem: 'missing', value: '' });
  } else if (!DATE.test(date)) problems.push({ field: 'date', problem: 'malformed', value: date });
  else out.date = date;
  const hhmm = TIME.exec(time)?.[1];
  if (time === '') {
    if (required) problems.push({ field: 'time', problem: 'missing', value: '' });
  } else if (!hhmm) problems.push({ field: 'time', problem: 'malformed', value: time });
  else out.time = hhmm.padStart(5, '0');
  if (length === '') {
    if (required) problems.push({ field: 'durationMinutes', problem: 'missing', value: '' });
  } else {
    const minutes = Number(length);
    if (!Number.isFinite(minutes) || !Number.isInteger(minutes)) problems.push({ field: 'durationMinutes', problem: 'not_whole', value: length });
    else if (minutes <= 0) problems.push({ field: 'durationMinutes', problem: 'not_positive', value: length });
    else if (minutes > MAX_MINUTES) problems.push({ field: 'durationMinutes', problem: 'too_long', value: length });
    else out.minutes = minutes;
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}

/** The words a form shows beside each wrong field, in `locale`. */
export function formErrors(problems: readonly FieldProblem[], locale: Locale): Partial<Record<FormField, string>> {
  const errors: Partial<Record<FormField, string>> = {};
  for (const { field } of problems) errors[field] ??= t(locale, field === 'durationMinutes' ? 'form.badDuration' : 'form.required');
  return errors;
}

/** The reply-level error for the first problem (forms that cannot show errors beside the field). */
function problemError(problem: FieldProblem): BotError {
  if (problem.field !== 'durationMinutes') return new BotError('invalid_time', { phrase: problem.value });
  if (problem.problem === 'not_positive') return new BotError('end_before_start');
  if (problem.problem === 'too_long') return new BotError('meeting_too_long');
  return new BotError('invalid_duration', { phrase: problem.value });
}

/** True when `meeting` already starts at `times.start` and ends at `times.end`. */
export function isAt(meeting: Meeting, times: { readonly start: Date; readonly end: Date }): boolean {
  return meeting.start.getTime() === times.start.getTime() && meeting.end.getTime() === times.end.getTime();
}

/** A form's date, time and length as the reader would see the current meeting (the reschedule form's defaults). */
export function formDefaults(meeting: Meeting, timeZone: string): { date: string; time: string; durationMinutes: number } {
  const minutes = Math.max(1, Math.min(MAX_MINUTES, Math.round((meeting.end.getTime() - meeting.start.getTime()) / 60_000)));
  return { ...wallClock(meeting.start, timeZone), durationMinutes: minutes };
}

/**
 * The `{start, end}` a form asks for. With `current` (a reschedule) missing values keep the meeting's date, time or
 * length and "no change" is refused; without it (the schedule form) every value is required. Throws BotError.
 */
export function formTimes(
  values: FormValues,
  reader: { locale: Locale; timeZone: string },
  now: Date,
  current?: Meeting,
): { start: Date; end: Date } {
  const { locale, timeZone } = reader;
  const checked = checkForm(values, current === undefined);
  if (!checked.ok) throw problemError(checked.problems[0] as FieldProblem);
  const defaults = current ? formDefaults(current, timeZone) : undefined;
  const date = checked.value.date ?? defaults?.date ?? '';
  const time = checked.value.time ?? defaults?.time ?? '';
  const length = checked.value.minutes ?? (current ? Math.round((current.end.getTime() - current.start.getTime()) / 60_000) : 0);
  const startAt = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  if (!startAt.isValid) throw new BotError('invalid_time', { phrase: `${date} ${time}` });
  const start = startAt.toJSDate();
  const end = new Date(start.getTime() + length * 60_000);
  if (current && isAt(current, { start, end })) {
    throw new BotError('invalid_reschedule', { reason: t(locale, 'reply.rescheduleEmpty') });
  }
  const moved = !current || start.getTime() !== current.start.getTime();
  // A meeting already under way may be lengthened, but nothing may be moved into the past (forms send whole
  // minutes, so the typed command's grace minute applies here too).
  const late = moved ? start : end;
  if (late.getTime() < now.getTime() - GRACE_MS) {
    throw new BotError('time_in_past', { time: formatDateTime(late, locale, timeZone), example: startAt.toFormat('HH:mm') });
  }
  return { start, end };
}
