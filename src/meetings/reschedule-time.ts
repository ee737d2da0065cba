// A reschedule form's values -> the new start and end, read in the actor's zone and checked like a typed time.
import { DateTime } from 'luxon';
import { GRACE_MS } from '../commands/resolve';
import { MAX_MINUTES } from '../commands/validate';
import { BotError } from '../errors';
import { t } from '../i18n';
import { formatDateTime } from '../i18n/format';
import type { Locale, RescheduleValues } from '../types';
import type { Meeting } from './ports';

function minutes(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || !Number.isInteger(value)) throw new BotError('invalid_duration', { phrase: String(value) });
  if (value <= 0) throw new BotError('end_before_start');
  if (value > MAX_MINUTES) throw new BotError('meeting_too_long');
  return value;
}

/** True when `meeting` already starts at `times.start` and ends at `times.end`. */
export function isAt(meeting: Meeting, times: { readonly start: Date; readonly end: Date }): boolean {
  return meeting.start.getTime() === times.start.getTime() && meeting.end.getTime() === times.end.getTime();
}

/** The new `{start, end}` of `meeting`; missing values keep the current date, time or length. Throws BotError. */
export function rescheduledTimes(
  meeting: Meeting,
  values: RescheduleValues,
  reader: { locale: Locale; timeZone: string },
  now: Date,
): { start: Date; end: Date } {
  const { locale, timeZone } = reader;
  const current = DateTime.fromJSDate(meeting.start, { zone: timeZone });
  const date = values.date?.trim() || current.toFormat('yyyy-MM-dd');
  const time = values.time?.trim() || current.toFormat('HH:mm');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new BotError('invalid_time', { phrase: date });
  if (!/^\d{1,2}:\d{2}$/.test(time)) throw new BotError('invalid_time', { phrase: time });
  const startAt = DateTime.fromISO(`${date}T${time.padStart(5, '0')}`, { zone: timeZone });
  if (!startAt.isValid) throw new BotError('invalid_time', { phrase: `${date} ${time}` });
  const length = minutes(values.durationMinutes, Math.round((meeting.end.getTime() - meeting.start.getTime()) / 60_000));
  const start = startAt.toJSDate();
  const end = new Date(start.getTime() + length * 60_000);
  if (isAt(meeting, { start, end })) {
    throw new BotError('invalid_reschedule', { reason: t(locale, 'reply.rescheduleEmpty') });
  }
  const moved = start.getTime() !== meeting.start.getTime();
  // A meeting already under way may be lengthened, but nothing may be moved into the past (forms send whole
  // minutes, so the typed command's grace minute applies here too).
  const late = moved ? start : end;
  if (late.getTime() < now.getTime() - GRACE_MS) {
    throw new BotError('time_in_past', { time: formatDateTime(late, locale, timeZone), example: startAt.toFormat('HH:mm') });
  }
  return { start, end };
}
