// The left-to-right reader: at each word, tries the phrase matchers in order and fills each part of the meeting once.
import { calendarDate } from './calendar';
import { clockAt } from './clock';
import { dayAt, type Day } from './days';
import { agoAt, durationAt, mentionsAgo, relativeAt, type Amount } from './duration';
import { rangeAt } from './range';
import { spokenAt, type DayEnd } from './spoken';
import type { TokenStream } from './tokens';

/** A wall-clock time of day. */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
  /** Said without am/pm or a part of day ("at 5"): it may be 05:00 or 17:00, so the next one is meant. */
  readonly ambiguous?: boolean;
  /** Said as an approximation ("3ish"): read as the hour itself, and shown as approximate. */
  readonly approximate?: boolean;
}

/** What the time words said; each part is filled at most once (a repeated part stays in the subject). */
export interface Parts {
  now: boolean;
  /** Minutes from now ("in 2h"); negative for a past offset ("10 minutes ago"). */
  relativeMinutes?: number;
  day?: Day;
  time?: TimeOfDay;
  rangeEnd?: TimeOfDay;
  durationMinutes?: number;
  /** Indexes of tokens no phrase used: the subject's words. */
  readonly leftover: number[];
}

/** A phrase that clearly tries to be a time or duration but cannot be one. */
export interface ScanError {
  readonly code: 'invalid_time' | 'invalid_duration';
  readonly phrase: string;
}

const NOW = new Set(['now', 'сейчас', 'immediately', 'asap', 'немедленно', 'срочно']);
const NOW_LEAD = new Set(['right', 'прямо']);
const FILLERS = new Set(['with', 'and', '&', '+', ',', 'invite', 'с', 'со', 'и', 'пригласить']);

function phrase(s: TokenStream, i: number, len: number): string {
  const words: string[] = [];
  for (let k = i; k < i + len; k++) {
    const tok = s.tokens[k];
    if (tok?.kind === 'word') words.push(tok.raw);
  }
  return words.join(' ');
}

// Filler words ("with", "и") right before a mention belong to the mention, not to the subject.
function fillerRun(s: TokenStream, i: number): number {
  let k = i;
  while (FILLERS.has(s.word(k) ?? '')) k++;
  return k > i && s.tokens[k]?.kind === 'attendee' ? k - i : 0;
}

function useAmount(a: Amount, s: TokenStream, i: number): ScanError | undefined {
  return a.invalid ? { code: 'invalid_duration', phrase: phrase(s, i, a.len) } : undefined;
}

/** Reads every time, day, range and duration phrase; returns the parts or the first impossible phrase. */
export function scan(s: TokenStream, now: Date, eod: DayEnd = { hour: 17, minute: 0 }): Parts | ScanError {
  const p: Parts = { now: false, leftover: [] };
  const n = s.tokens.length;
  const past = mentionsAgo(s);
  for (let i = 0; i < n; ) {
    const w = s.word(i);
    if (w === undefined) {
      i++;
      continue;
    }
    if (NOW.has(w) || (NOW_LEAD.has(w) && NOW.has(s.word(i + 1) ?? ''))) {
      p.now = true;
      i += NOW.has(w) ? 1 : 2;
      continue;
    }
    const free = p.relativeMinutes === undefined;
    if (past && free && p.day === undefined) {
      const ago = agoAt(s, i);
      if (ago) {
        const bad = useAmount(ago, s, i);
        if (bad) return bad;
        // negative: resolve refuses these as past times, with the moment they name in the message
        if (ago.calendarDays !== undefined) p.day = { kind: 'offset', days: -ago.calendarDays };
        else p.relativeMinutes = -ago.minutes;
        i += ago.len;
        continue;
      }
    }
    if (free && p.day === undefined && p.time === undefined) {
      const rel = relativeAt(s, i);
      if (rel) {
        const bad = useAmount(rel, s, i);
        if (bad) return bad;
        if (rel.calendarDays !== undefined) p.day = { kind: 'offset', days: rel.calendarDays };
        else p.relativeMinutes = rel.minutes;
        i += rel.len;
        continue;
      }
    }
    if (free && p.time === undefined && p.durationMinutes === undefined) {
      const range = rangeAt(s, i);
      if (range) {
        if (range.invalid) return { code: 'invalid_time', phrase: phrase(s, i, range.len) };
        p.time = range.start;
        p.rangeEnd = range.end;
        i += range.len;
        continue;
      }
    }
    if (free && p.time === undefined) {
      const clock = clockAt(s, i) ?? spokenAt(s, i, eod);
      if (clock) {
        if (clock.invalid) return { code: 'invalid_time', phrase: phrase(s, i, clock.len) };
        p.time = { hour: clock.hour, minute: clock.minute, ...(clock.ambiguous ? { ambiguous: true } : {}), ...(clock.approximate ? { approximate: true } : {}) };
        i += clock.len;
        continue;
      }
    }
    if (p.durationMinutes === undefined && p.rangeEnd === undefined) {
      const d = durationAt(s, i);
      if (d) {
        const bad = useAmount(d, s, i);
        if (bad) return bad;
        p.durationMinutes = d.minutes;
        i += d.len;
        continue;
      }
    }
    if (free && p.day === undefined) {
      const day = dayAt(s, i);
      if (day) {
        if (day.invalid) return { code: 'invalid_time', phrase: phrase(s, i, day.len) };
        p.day = day.day;
        i += day.len;
        continue;
      }
    }
    const filler = fillerRun(s, i);
    if (filler > 0) {
      i += filler;
      continue;
    }
    p.leftover.push(i);
    i++;
  }
  if (p.relativeMinutes === undefined && (p.day === undefined || p.day.kind === 'weekday') && p.leftover.length > 0) {
    const hit = calendarDate(s.tokens, p.leftover, now);
    if (hit) {
      p.day = { kind: 'date', year: hit.year, month: hit.month, day: hit.day };
      if (hit.time && p.time === undefined) p.time = hit.time;
      const used = new Set(hit.used);
      const rest = p.leftover.filter((k) => !used.has(k));
      p.leftover.length = 0;
      p.leftover.push(...rest);
    }
  }
  return p;
}

/** True when `r` is a scan error. */
export function isScanError(r: Parts | ScanError): r is ScanError {
  return 'code' in r;
}
