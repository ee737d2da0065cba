// Day phrases: "today", "tomorrow", "завтра", "послезавтра", weekdays ("fri", "next monday", "в пятницу"), "2026-12-01", "01.12".
// Past days ("yesterday", "вчера", "the day before yesterday", "last friday", "в прошлую пятницу") are read too, so that
// they give a time_in_past error instead of landing in the subject of a meeting tomorrow.
import { ordinalDayAt } from './ordinal';
import type { TokenStream } from './tokens';

/** Which day a phrase names, before it is placed on the calendar. */
export type Day =
  | { readonly kind: 'offset'; readonly days: number }
  /** ISO weekday (1 = Monday); `next` skips today; `nextWeek` is that day of next calendar week ("next week tuesday"). */
  | { readonly kind: 'weekday'; readonly weekday: number; readonly next: boolean; readonly nextWeek?: boolean }
  /** A day of the month without a month ("the 20th"): its next occurrence. */
  | { readonly kind: 'monthDay'; readonly day: number }
  /** The most recent such weekday before today ("last friday"): always in the past. */
  | { readonly kind: 'lastWeekday'; readonly weekday: number }
  | { readonly kind: 'date'; readonly year?: number; readonly month: number; readonly day: number };

/** A day read from `len` tokens, or an impossible date (`31.02`). */
export type DayHit = { readonly day: Day; readonly len: number; readonly invalid?: false } | { readonly len: number; readonly invalid: true };


const OFFSETS: Readonly<Record<string, number>> = {
  today: 0, tomorrow: 1, tmrw: 1, tmr: 1, tomorow: 1, сегодня: 0, завтра: 1, послезавтра: 2,
  yesterday: -1, yday: -1, вчера: -1, позавчера: -2,
};
const WEEKDAYS: Readonly<Record<string, number>> = {
  mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, weds: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
  пн: 1, понедельник: 1, вт: 2, вторник: 2, ср: 3, среда: 3, среду: 3, чт: 4, четверг: 4,
  пт: 5, пятница: 5, пятницу: 5, сб: 6, суббота: 6, субботу: 6, вс: 7, воскресенье: 7,
};
const PREFIX = new Set(['on', 'for', 'this', 'в', 'во', 'на']);
const THIS = new Set(['this', 'эту', 'этот', 'это', 'эта', 'этой', 'ближайшую', 'ближайший', 'ближайшее']);
const WEEK = new Set(['week', 'неделе', 'недели']);
const NEXT = new Set(['next', 'следующий', 'следующую', 'следующее', 'следующая', 'следующей']);
const LAST = new Set(['last', 'previous', 'прошлый', 'прошлую', 'прошлое', 'прошлая', 'прошлой', 'прошлом', 'предыдущий', 'предыдущую']);
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DOTTED = /^(\d{1,2})\.(\d{2})(?:\.(\d{4}|\d{2}))?$/;

/** True for "today", "tomorrow", "завтра", a weekday … : words a time may follow directly. */
export function isDayWord(core: string): boolean {
  return has(OFFSETS, core) || has(WEEKDAYS, core);
}

function has(table: Readonly<Record<string, number>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(table, key);
}

// Calendar validity without a zone: day within the month's length (Feb 29 only in leap years).
function validDate(year: number | undefined, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const y = year ?? 2024; // a leap year, so "29.02" without a year can still mean the next Feb 29
  const length = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return day <= length;
}

function lastWeekday(s: TokenStream, i: number, j: number): DayHit | undefined {
  const w = s.word(j) ?? '';
  return has(WEEKDAYS, w) ? { day: { kind: 'lastWeekday', weekday: WEEKDAYS[w] ?? 1 }, len: j + 1 - i } : undefined;
}

// "(the) day after tomorrow" (+2) and "(the) day before yesterday" (-2); `j` is at "day" or "the".
function dayAfterOrBefore(s: TokenStream, i: number, j: number): DayHit | undefined {
  const k = s.word(j) === 'the' ? j + 1 : j;
  if (s.word(k) !== 'day' || (k === j && j !== i)) return undefined; // "on day after tomorrow" is not English
  const which = s.word(k + 1);
  if (which === 'after' && s.word(k + 2) === 'tomorrow') return { day: { kind: 'offset', days: 2 }, len: k + 3 - i };
  if (which === 'before' && s.word(k + 2) === 'yesterday') return { day: { kind: 'offset', days: -2 }, len: k + 3 - i };
  return undefined;
}

// "next week tuesday", "next week on tuesday", "на следующей неделе во вторник"; `j` is just after "week".
function nextWeekDay(s: TokenStream, i: number, j: number): DayHit | undefined {
  const k = s.word(j) === 'on' || s.word(j) === 'в' || s.word(j) === 'во' || s.word(j) === ',' ? j + 1 : j;
  const w = s.word(k) ?? '';
  return has(WEEKDAYS, w) ? { day: { kind: 'weekday', weekday: WEEKDAYS[w] ?? 1, next: true, nextWeek: true }, len: k + 1 - i } : undefined;
}

// "… next week" / "… на следующей неделе" after a weekday: how many words it takes, or 0.
function weekAhead(s: TokenStream, j: number): number {
  const k = s.word(j) === 'на' ? j + 1 : j;
  return NEXT.has(s.word(k) ?? '') && WEEK.has(s.word(k + 1) ?? '') ? k + 2 - j : 0;
}

/** Reads a day phrase at token `i`. */
export function dayAt(s: TokenStream, i: number): DayHit | undefined {
  let j = i;
  const first = s.word(j);
  if (first === undefined) return undefined;
  const ordinal = ordinalDayAt(s, i);
  if (ordinal) return ordinal;
  if (PREFIX.has(first)) j++;
  if (THIS.has(s.word(j) ?? '')) j++;
  let next = false;
  const lead = s.word(j) ?? '';
  if (NEXT.has(lead) && WEEK.has(s.word(j + 1) ?? '')) return nextWeekDay(s, i, j + 2);
  if (NEXT.has(lead) || LAST.has(lead)) {
    // "last" alone is a subject word ("Last call"); it is a day phrase only before a weekday
    if (LAST.has(lead)) return lastWeekday(s, i, j + 1);
    next = true;
    j++;
  }
  const w = s.word(j);
  if (w === undefined) return undefined;
  if (!next && has(OFFSETS, w)) return { day: { kind: 'offset', days: OFFSETS[w] ?? 0 }, len: j + 1 - i };
  if (!next && (w === 'day' || w === 'the')) return dayAfterOrBefore(s, i, j);
  if (has(WEEKDAYS, w)) {
    const weekAfter = weekAhead(s, j + 1);
    // "next tuesday" is next week's, as "this tuesday" is this week's
    if (next) return { day: { kind: 'weekday', weekday: WEEKDAYS[w] ?? 1, next: true, nextWeek: true }, len: j + 1 + weekAfter - i };
    if (weekAfter > 0) return { day: { kind: 'weekday', weekday: WEEKDAYS[w] ?? 1, next: true, nextWeek: true }, len: j + 1 + weekAfter - i };
    return { day: { kind: 'weekday', weekday: WEEKDAYS[w] ?? 1, next }, len: j + 1 - i };
  }
  if (next) return undefined;
  const iso = ISO.exec(w);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return validDate(year, month, day) ? { day: { kind: 'date', year, month, day }, len: j + 1 - i } : { len: j + 1 - i, invalid: true };
  }
  const dotted = DOTTED.exec(w);
  if (dotted) {
    const [day, month] = [Number(dotted[1]), Number(dotted[2])];
    const year = dotted[3] === undefined ? undefined : Number(dotted[3].length === 2 ? `20${dotted[3]}` : dotted[3]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined; // "15.00", "1.50": not a date
    return validDate(year, month, day) ? { day: { kind: 'date', year, month, day }, len: j + 1 - i } : { len: j + 1 - i, invalid: true };
  }
  return undefined;
}
