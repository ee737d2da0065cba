// Times of day: "15:00", "3pm", "3:30 pm", "at 15", "noon", "в 15:00", "в 3 часа дня", "в полдень".
import { isDayWord } from './days';
import type { TokenStream } from './tokens';

/** A wall-clock time read from `len` tokens, or an impossible one (`25:00`). */
export type ClockHit =
  | { readonly hour: number; readonly minute: number; readonly len: number; readonly invalid?: false; readonly ambiguous?: boolean; readonly approximate?: boolean }
  | { readonly len: number; readonly invalid: true };

/** A Russian part of day: morning, afternoon or evening, night. */
export type Daypart = 'am' | 'pm' | 'night';

/** Words that put a bare hour in the morning or the afternoon ("3 часа дня"). */
const DAYPARTS: Readonly<Record<string, Daypart>> = { утра: 'am', дня: 'pm', вечера: 'pm', ночи: 'night' };
const TIME_PREFIX = new Set(['at', '@', 'в', 'во', 'к']);
const HOUR_WORDS = new Set(['час', 'часа', 'часов', "o'clock", 'oclock', 'h']);
const NAMED: Readonly<Record<string, number>> = { noon: 12, noonish: 12, midday: 12, midnight: 0, полдень: 12, полночь: 0 };

/** `am`/`pm` from `am`, `a.m`, `pm`, `p.m`, or undefined. */
export function meridiemOf(core: string | undefined): 'am' | 'pm' | undefined {
  if (core === undefined) return undefined;
  const m = /^(a|p)\.?m\.?$/.exec(core);
  return m ? (m[1] === 'a' ? 'am' : 'pm') : undefined;
}

/** Applies am/pm to a 12-hour clock hour; undefined when the hour is not 1–12. */
function applyMeridiem(hour: number, meridiem: 'am' | 'pm'): number | undefined {
  if (hour < 1 || hour > 12) return undefined;
  return meridiem === 'am' ? hour % 12 : (hour % 12) + 12;
}

/** The part of day a word names ("утра", "дня", "вечера", "ночи"), or undefined. */
export function daypartOf(core: string | undefined): Daypart | undefined {
  return core !== undefined && Object.prototype.hasOwnProperty.call(DAYPARTS, core) ? DAYPARTS[core] : undefined;
}

/** Applies a Russian part of day ("дня", "вечера") to an hour. */
export function applyDaypart(hour: number, part: Daypart): number {
  if (part === 'pm') return hour < 12 ? hour + 12 : hour;
  return hour === 12 ? 0 : hour; // morning and night alike: "12 ночи" is midnight
}

/** One clock token split up: `15:00` → 15, 0; `3pm` → 3, 0, pm. */
export interface ClockParts {
  readonly hour: number;
  readonly minute: number;
  readonly colon: boolean;
  readonly meridiem?: 'am' | 'pm';
}

const CLOCK = /^(\d{1,2})(?:([:.])(\d{2}))?(a\.?m|p\.?m)?$/;

/** Splits one token into clock parts; `dotted` allows `15.00` (only after "at"/"в", since `01.12` is a date). */
export function clockParts(core: string | undefined, dotted: boolean): ClockParts | undefined {
  if (core === undefined) return undefined;
  const m = CLOCK.exec(core);
  if (!m || (m[2] === '.' && !dotted)) return undefined;
  const meridiem = m[4] === undefined ? undefined : m[4].startsWith('a') ? 'am' : 'pm';
  return { hour: Number(m[1]), minute: m[3] === undefined ? 0 : Number(m[3]), colon: m[2] !== undefined, meridiem };
}

/** Turns clock parts into 24-hour time, or undefined when impossible. */
export function to24(p: ClockParts, meridiem: 'am' | 'pm' | undefined): { hour: number; minute: number } | undefined {
  if (p.minute > 59) return undefined;
  const m = p.meridiem ?? meridiem;
  const hour = m ? applyMeridiem(p.hour, m) : p.hour;
  return hour === undefined || hour > 23 ? undefined : { hour, minute: p.minute };
}

/** Reads a time of day at token `i`. Bare hours ("15") count only after "at"/"в"/"к". */
export function clockAt(s: TokenStream, i: number): ClockHit | undefined {
  const first = s.word(i);
  if (first === undefined) return undefined;
  const prefixed = TIME_PREFIX.has(first);
  const j = prefixed ? i + 1 : i;
  const w = s.word(j);
  if (w === undefined) return undefined;
  if (Object.prototype.hasOwnProperty.call(NAMED, w)) return { hour: NAMED[w] ?? 0, minute: 0, len: j + 1 - i };
  const parts = clockParts(w, true);
  if (!parts || (!prefixed && w.includes('.') && !parts.meridiem && !(dottedTime(parts) && timeMayStart(s, i)))) return undefined;
  let len = j + 1 - i;
  let meridiem = parts.meridiem;
  const next = meridiemOf(s.word(j + 1));
  if (!meridiem && next) {
    meridiem = next;
    len++;
  }
  let part: Daypart | undefined;
  if (!meridiem && !parts.colon && HOUR_WORDS.has(s.word(j + 1) ?? '')) {
    part = daypartOf(s.word(j + 2));
    if (!prefixed && part === undefined) return undefined; // "3 часа" alone is a duration
    len += part === undefined ? 1 : 2;
  } else if (!meridiem && (parts.colon || prefixed)) {
    part = daypartOf(s.word(j + 1));
    if (part !== undefined) len++;
  }
  if (!parts.colon && !meridiem && !prefixed && part === undefined) return undefined;
  const t = to24(parts, meridiem);
  if (!t) return { len, invalid: true };
  const ambiguous = !parts.colon && !meridiem && part === undefined && isTwelveHour(t.hour);
  return { hour: part ? applyDaypart(t.hour, part) : t.hour, minute: t.minute, len, ambiguous };
}

/** True for an hour a 12-hour clock shows twice a day ("at 5" may be 05:00 or 17:00). */
export function isTwelveHour(hour: number): boolean {
  return hour >= 1 && hour <= 11;
}

// "Release 10.15 notes" is a version: a bare dotted time counts first in the text or right after a day word.
function timeMayStart(s: TokenStream, i: number): boolean {
  const before = s.tokens[i - 1];
  return before === undefined || before.kind !== 'word' || isDayWord(before.core);
}

// `10.30` without "at" is a time only where it cannot be a day and month (`01.12` is 1 December) and looks like a
// meeting time (a working hour, whole five minutes), so "1.50" or "3.14" stay words.
function dottedTime(p: ClockParts): boolean {
  return (p.minute > 12 || p.minute === 0) && p.hour >= 7 && p.minute % 5 === 0;
}
