// Places the parts on the calendar in the reader's zone (luxon does the zone and DST arithmetic).
import { DateTime, IANAZone } from 'luxon';
import type { ErrorParams, ErrorCode } from '../errors';
import type { Clock, Parts } from './scan';

/** Start and end of the meeting, or why there is none. */
export type Placed =
  | { readonly ok: true; readonly start: Date; readonly end: Date; readonly instant: boolean }
  | { readonly ok: false; readonly code: ErrorCode; readonly params: ErrorParams };

/** A date with no time starts at this hour, local time. */
export const DEFAULT_HOUR = 9;
/** How far in the past a start may be and still count as "now" (a message typed at 15:00:40 saying "15:00"). */
export const GRACE_MS = 60_000;

const zones = new Map<string, IANAZone | undefined>();

/** The zone for an IANA name (cached), or undefined when the name is not a zone. */
export function zoneOf(name: string): IANAZone | undefined {
  if (zones.has(name)) return zones.get(name);
  const zone = IANAZone.isValidZone(name) ? IANAZone.create(name) : undefined;
  if (zones.size < 1000) zones.set(name, zone);
  return zone;
}

/** A wall-clock time in `zone`: a time in a DST gap moves forward like clocks do; a time that happens twice means the first. */
export function wallTime(year: number, month: number, day: number, clock: Clock, zone: IANAZone): DateTime {
  const dt = DateTime.fromObject({ year, month, day, hour: clock.hour, minute: clock.minute }, { zone });
  if (!dt.isValid) return dt;
  const ts = dt.toMillis();
  // luxon picks the later of two repeated times; when clocks fell back shortly before, take the earlier one.
  const before = zone.offset(ts - 3 * 3_600_000);
  if (before > dt.offset) {
    const earlier = ts - (before - dt.offset) * 60_000;
    if (zone.offset(earlier) === before) return DateTime.fromMillis(earlier, { zone });
  }
  return dt;
}

function at(date: DateTime, clock: Clock, zone: IANAZone): DateTime {
  return wallTime(date.year, date.month, date.day, clock, zone);
}

function pastError(start: DateTime, clock: Clock, locale: 'en' | 'ru'): Placed {
  const time = start.setLocale(locale).toFormat('ccc d LLL yyyy, HH:mm');
  const example = `${String(clock.hour).padStart(2, '0')}:${String(clock.minute).padStart(2, '0')}`;
  return { ok: false, code: 'time_in_past', params: { time, example } };
}

// The day a phrase names; weekdays and yearless dates move forward to their next occurrence.
function startOf(p: Parts, nowZ: DateTime, zone: IANAZone, clock: Clock, locale: 'en' | 'ru'): DateTime | Placed {
  const today = nowZ.startOf('day');
  const ahead = (dt: DateTime) => dt.toMillis() >= nowZ.toMillis() - GRACE_MS;
  const day = p.day;
  if (day === undefined) {
    const todayAt = at(today, clock, zone);
    return ahead(todayAt) ? todayAt : at(today.plus({ days: 1 }), clock, zone);
  }
  if (day.kind === 'weekday') {
    let diff = (day.weekday - today.weekday + 7) % 7;
    if (diff === 0 && (day.next || !ahead(at(today, clock, zone)))) diff = 7;
    return at(today.plus({ days: diff }), clock, zone);
  }
  let start: DateTime;
  if (day.kind === 'offset') {
    start = at(today.plus({ days: day.days }), clock, zone);
  } else {
    let year = day.year ?? today.year;
    if (day.year === undefined && (day.month < today.month || (day.month === today.month && day.day < today.day))) year++;
    // Feb 29 without a year: the next leap year's
    while (day.year === undefined && day.month === 2 && day.day === 29 && !DateTime.local(year, 2, 29).isValid && year < today.year + 8) year++;
    start = wallTime(year, day.month, day.day, clock, zone);
    if (!start.isValid) return { ok: false, code: 'invalid_time', params: { phrase: `${day.day}.${day.month}${day.year ? `.${day.year}` : ''}` } };
  }
  return ahead(start) ? start : pastError(start, clock, locale);
}

/** Turns the parts into start and end instants for a reader in `zoneName` at `now`. */
export function place(p: Parts, now: Date, zone: IANAZone, defaultMinutes: number, locale: 'en' | 'ru'): Placed {
  const minutes = p.durationMinutes ?? defaultMinutes;
  if (p.relativeMinutes !== undefined) {
    const start = now.getTime() + p.relativeMinutes * 60_000;
    return { ok: true, start: new Date(start), end: new Date(start + minutes * 60_000), instant: false };
  }
  if (p.day === undefined && p.time === undefined) {
    return { ok: true, start: now, end: new Date(now.getTime() + minutes * 60_000), instant: true };
  }
  const nowZ = DateTime.fromMillis(now.getTime(), { zone });
  const clock = p.time ?? { hour: DEFAULT_HOUR, minute: 0 };
  const start = startOf(p, nowZ, zone, clock, locale);
  if (!DateTime.isDateTime(start)) return start;
  if (p.rangeEnd) {
    const end = at(start, p.rangeEnd, zone);
    if (end.toMillis() <= start.toMillis()) return { ok: false, code: 'end_before_start', params: {} };
    return { ok: true, start: start.toJSDate(), end: end.toJSDate(), instant: false };
  }
  return { ok: true, start: start.toJSDate(), end: new Date(start.toMillis() + minutes * 60_000), instant: false };
}
