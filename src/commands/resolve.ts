// Places the parts on the calendar in the reader's zone.
import { DateTime } from 'luxon';
import type { ErrorCode, ErrorParams } from '../errors';
import type { TimeOfDay, Parts } from './scan';
import { Zone, addDays, isRealDate, weekdayOf, type YMD } from './zone';

/** Start and end of the meeting, or why there is none. */
export type Placed =
  | { readonly ok: true; readonly start: Date; readonly end: Date; readonly instant: boolean }
  | { readonly ok: false; readonly code: ErrorCode; readonly params: ErrorParams };

/** A date with no time starts at this hour, local time. */
export const DEFAULT_HOUR = 9;
/** How far in the past a start may be and still count as "now" (a message typed at 15:00:40 saying "15:00"). */
export const GRACE_MS = 60_000;
/** The longest range that may run past midnight ("22:00-06:00", a night shift). */
const OVERNIGHT_MS = 12 * 3_600_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function pastError(startMs: number, clock: TimeOfDay, zone: Zone, locale: 'en' | 'ru'): Placed {
  const time = DateTime.fromMillis(startMs, { zone: zone.name }).setLocale(locale).toFormat('ccc d LLL yyyy, HH:mm');
  return { ok: false, code: 'time_in_past', params: { time, example: `${pad(clock.hour)}:${pad(clock.minute)}` } };
}

// The wall-clock time of an instant in the reader's zone, for the example in a past-time message.
function localClock(ms: number, zone: Zone): TimeOfDay {
  const local = new Date(ms + zone.offset(ms) * 60_000);
  return { hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

function at(zone: Zone, date: YMD, clock: TimeOfDay): { ms: number; date: YMD } {
  return { ms: zone.instant(date, clock.hour, clock.minute), date };
}

// The start instant; weekdays and yearless dates move forward to their next occurrence.
function startOf(p: Parts, nowMs: number, zone: Zone, clock: TimeOfDay, locale: 'en' | 'ru'): { ms: number; date: YMD } | Placed {
  const today = zone.dateAt(nowMs);
  const earliest = nowMs - GRACE_MS;
  const day = p.day;
  if (day === undefined) {
    const todayAt = at(zone, today, clock);
    return todayAt.ms >= earliest ? todayAt : at(zone, addDays(today, 1), clock);
  }
  if (day.kind === 'weekday' && day.nextWeek) {
    // the weekday in the calendar week after this one (weeks start on Monday)
    return at(zone, addDays(today, 7 - (weekdayOf(today) - 1) + (day.weekday - 1)), clock);
  }
  if (day.kind === 'monthDay') return monthDayStart(day.day, today, earliest, zone, clock);
  if (day.kind === 'weekday') {
    let diff = (day.weekday - weekdayOf(today) + 7) % 7;
    if (diff === 0 && (day.next || at(zone, today, clock).ms < earliest)) diff = 7;
    return at(zone, addDays(today, diff), clock);
  }
  if (day.kind === 'lastWeekday') {
    const back = (weekdayOf(today) - day.weekday + 7) % 7 || 7;
    return pastError(at(zone, addDays(today, -back), clock).ms, clock, zone, locale);
  }
  let date: YMD;
  if (day.kind === 'offset') {
    date = addDays(today, day.days);
    // a day before today is past at any hour, even within the grace minute after midnight
    if (day.days < 0) return pastError(at(zone, date, clock).ms, clock, zone, locale);
  } else {
    let year = day.year ?? today.year;
    if (day.year === undefined && (day.month < today.month || (day.month === today.month && day.day < today.day))) year++;
    // Feb 29 without a year: the next leap year's
    while (day.year === undefined && !isRealDate({ year, month: day.month, day: day.day }) && year < today.year + 8) year++;
    date = { year, month: day.month, day: day.day };
    if (!isRealDate(date)) return { ok: false, code: 'invalid_time', params: { phrase: `${pad(day.day)}.${pad(day.month)}${day.year ? `.${day.year}` : ''}` } };
  }
  const start = at(zone, date, clock);
  return start.ms >= earliest ? start : pastError(start.ms, clock, zone, locale);
}

// "the 20th": this month's if it is still ahead, else the next month that has that day.
function monthDayStart(dayOfMonth: number, today: YMD, earliest: number, zone: Zone, clock: TimeOfDay): { ms: number; date: YMD } | Placed {
  for (let k = 0; k < 13; k++) {
    const month = ((today.month - 1 + k) % 12) + 1;
    const date = { year: today.year + Math.floor((today.month - 1 + k) / 12), month, day: dayOfMonth };
    if (!isRealDate(date)) continue;
    const start = at(zone, date, clock);
    if (start.ms >= earliest) return start;
  }
  return { ok: false, code: 'invalid_time', params: { phrase: String(dayOfMonth) } };
}

/**
 * "at 5" may mean 05:00 or 17:00: the reading a working day expects (the morning from 7, else the afternoon), unless
 * the afternoon one comes sooner ("at 9" said at 10:00 is 21:00 today rather than 09:00 tomorrow).
 */
function startOfAmbiguous(p: Parts, nowMs: number, zone: Zone, clock: TimeOfDay, locale: 'en' | 'ru'): { ms: number; date: YMD } | Placed {
  const morning = clock.hour >= 7;
  const preferred = startOf(p, nowMs, zone, morning ? clock : { hour: clock.hour + 12, minute: clock.minute }, locale);
  if (!morning) return preferred;
  const evening = startOf(p, nowMs, zone, { hour: clock.hour + 12, minute: clock.minute }, locale);
  if ('ok' in evening) return preferred;
  return 'ok' in preferred || evening.ms < preferred.ms ? evening : preferred;
}

/** Turns the parts into start and end instants for a reader in `zone` at `now`. */
export function place(p: Parts, now: Date, zone: Zone, defaultMinutes: number, locale: 'en' | 'ru'): Placed {
  const minutes = p.durationMinutes ?? defaultMinutes;
  const nowMs = now.getTime();
  if (p.relativeMinutes !== undefined) {
    const start = nowMs + p.relativeMinutes * 60_000;
    if (p.relativeMinutes < 0) return pastError(start, localClock(start, zone), zone, locale); // "10 minutes ago"
    return { ok: true, start: new Date(start), end: new Date(start + minutes * 60_000), instant: false };
  }
  if (p.day === undefined && p.time === undefined) {
    return { ok: true, start: new Date(nowMs), end: new Date(nowMs + minutes * 60_000), instant: true };
  }
  const clock = p.time ?? { hour: DEFAULT_HOUR, minute: 0 };
  const start = clock.ambiguous && !p.rangeEnd ? startOfAmbiguous(p, nowMs, zone, clock, locale) : startOf(p, nowMs, zone, clock, locale);
  if ('ok' in start) return start;
  if (p.rangeEnd) {
    let end = zone.instant(start.date, p.rangeEnd.hour, p.rangeEnd.minute);
    // "22:00-00:30" ends the next day; a range that would wrap by more than half a day is an end before the start
    if (end <= start.ms) {
      end = zone.instant(addDays(start.date, 1), p.rangeEnd.hour, p.rangeEnd.minute);
      if (end - start.ms > OVERNIGHT_MS) return { ok: false, code: 'end_before_start', params: {} };
    }
    return { ok: true, start: new Date(start.ms), end: new Date(end), instant: false };
  }
  return { ok: true, start: new Date(start.ms), end: new Date(start.ms + minutes * 60_000), instant: false };
}
