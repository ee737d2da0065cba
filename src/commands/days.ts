// Day phrases: "today", "tomorrow", "завтра", "послезавтра", weekdays ("fri", "next monday", "в пятницу"), "2026-12-01", "01.12".
import type { TokenStream } from './tokens';

/** Which day a phrase names, before it is placed on the calendar. */
export type Day =
  | { readonly kind: 'offset'; readonly days: number }
  /** ISO weekday (1 = Monday); `next` skips today. */
  | { readonly kind: 'weekday'; readonly weekday: number; readonly next: boolean }
  | { readonly kind: 'date'; readonly year?: number; readonly month: number; readonly day: number };

/** A day read from `len` tokens, or an impossible date (`31.02`). */
export type DayHit = { readonly day: Day; readonly len: number; readonly invalid?: false } | { readonly len: number; readonly invalid: true };


const OFFSETS: Readonly<Record<string, number>> = {
  today: 0, tomorrow: 1, tmrw: 1, tmr: 1, tomorow: 1, сегодня: 0, завтра: 1, послезавтра: 2,
};
const WEEKDAYS: Readonly<Record<string, number>> = {
  mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, weds: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
  пн: 1, понедельник: 1, вт: 2, вторник: 2, ср: 3, среда: 3, среду: 3, чт: 4, четверг: 4,
  пт: 5, пятница: 5, пятницу: 5, сб: 6, суббота: 6, субботу: 6, вс: 7, воскресенье: 7,
};
const PREFIX = new Set(['on', 'for', 'this', 'в', 'во', 'на']);
const NEXT = new Set(['next', 'следующий', 'следующую', 'следующее', 'следующая', 'следующей']);
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DOTTED = /^(\d{1,2})\.(\d{2})(?:\.(\d{4}|\d{2}))?$/;

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

/** Reads a day phrase at token `i`. */
export function dayAt(s: TokenStream, i: number): DayHit | undefined {
  let j = i;
  const first = s.word(j);
  if (first === undefined) return undefined;
  if (PREFIX.has(first)) j++;
  let next = false;
  if (NEXT.has(s.word(j) ?? '')) {
    next = true;
    j++;
  }
  const w = s.word(j);
  if (w === undefined) return undefined;
  if (!next && has(OFFSETS, w)) return { day: { kind: 'offset', days: OFFSETS[w] ?? 0 }, len: j + 1 - i };
  if (!next && j === i && w === 'day' && s.word(i + 1) === 'after' && s.word(i + 2) === 'tomorrow') {
    return { day: { kind: 'offset', days: 2 }, len: 3 };
  }
  if (!next && w === 'the' && s.word(j + 1) === 'day' && s.word(j + 2) === 'after' && s.word(j + 3) === 'tomorrow') {
    return { day: { kind: 'offset', days: 2 }, len: j + 4 - i };
  }
  if (has(WEEKDAYS, w)) return { day: { kind: 'weekday', weekday: WEEKDAYS[w] ?? 1, next }, len: j + 1 - i };
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
