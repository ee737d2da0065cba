// Durations ("30m", "1h30", "1.5h", "for 45 minutes", "на час", "полтора часа") and relative offsets ("in 2h", "через 30 минут",
// and the past ones "10 minutes ago", "2 часа назад", read so they can be refused as past times).
import { numberOf } from './numbers';
import type { TokenStream } from './tokens';
import { UNIT_MINUTES, compactOf, unitOf, type Unit } from './units';

/** An amount of time read from `len` tokens. `calendarDays` is set for whole days/weeks ("in 2 days"). */
export interface Amount {
  readonly minutes: number;
  readonly calendarDays?: number;
  readonly len: number;
  /** The phrase clearly is a duration but an impossible one (`0m`, `1h75`). */
  readonly invalid: boolean;
}

function amount(value: number, unit: Unit, len: number, extraMinutes = 0, invalid = false): Amount {
  const minutes = Math.round(value * UNIT_MINUTES[unit] + extraMinutes);
  const whole = (unit === 'day' || unit === 'week') && Number.isInteger(value) && extraMinutes === 0;
  const bad = invalid || !Number.isFinite(minutes) || minutes < 1;
  return whole ? { minutes, calendarDays: value * (unit === 'week' ? 7 : 1), len, invalid: bad } : { minutes, len, invalid: bad };
}

// "… 30 minutes", "… and 30 minutes", "… and a half", "… с половиной" after an hour amount.
function minutesTail(s: TokenStream, j: number): { minutes: number; len: number } | undefined {
  const k = s.word(j) === 'and' || s.word(j) === 'и' ? j + 1 : j;
  const compact = compactOf(s.word(k));
  if (compact && 'unit' in compact && compact.unit === 'min') return { minutes: compact.value, len: k + 1 - j };
  const n = numberOf(s.word(k));
  if (n !== undefined && Number.isInteger(n) && unitOf(s.word(k + 1)) === 'min') return { minutes: n, len: k + 2 - j };
  if (s.word(j) === 'and' && s.word(j + 1) === 'a' && s.word(j + 2) === 'half') return { minutes: 30, len: 3 };
  if (s.word(j) === 'с' && s.word(j + 1) === 'половиной') return { minutes: 30, len: 2 };
  return undefined;
}

function withTail(value: number, unit: Unit, s: TokenStream, i: number, len: number): Amount {
  if (unit !== 'hour') return amount(value, unit, len);
  const tail = minutesTail(s, i + len);
  if (!tail) return amount(value, unit, len);
  return amount(value, unit, len + tail.len, tail.minutes, tail.minutes > 59 || !Number.isInteger(value));
}

/** Reads an amount of time at token `i`; `prefixed` allows the bare forms that need "for"/"на"/"in"/"через" before them. */
function amountAt(s: TokenStream, i: number, prefixed: boolean): Amount | undefined {
  const w = s.word(i);
  if (w === undefined) return undefined;
  const compact = compactOf(w);
  if (compact) {
    if ('minutes' in compact) return { minutes: compact.minutes, len: 1, invalid: compact.invalid || compact.minutes < 1 };
    if (!prefixed && (compact.unit === 'day' || compact.unit === 'week')) return undefined;
    return withTail(compact.value, compact.unit, s, i, 1);
  }
  switch (w) {
    case 'полчаса':
    case 'полчасика':
      return amount(30, 'min', 1);
    case 'полтора':
    case 'полторы':
      return unitOf(s.word(i + 1)) === 'hour' ? amount(90, 'min', 2) : undefined;
    case 'четверть':
      return s.word(i + 1) === 'часа' ? amount(15, 'min', 2) : undefined;
    case 'half': {
      const j = s.word(i + 1) === 'an' || s.word(i + 1) === 'a' ? i + 2 : i + 1;
      return s.word(j) === 'hour' ? amount(30, 'min', j + 1 - i) : undefined;
    }
    case 'час':
    case 'часик':
      // "час с половиной" needs no "на"; a lone "час" does (it is also a word in subjects)
      return prefixed || (s.word(i + 1) === 'с' && s.word(i + 2) === 'половиной') ? withTail(1, 'hour', s, i, 1) : undefined;
  }
  if (w === 'couple' || (w === 'a' && s.word(i + 1) === 'couple')) {
    // "a couple of hours": two of them
    const k = (w === 'a' ? i + 2 : i + 1) + (s.word(w === 'a' ? i + 2 : i + 1) === 'of' ? 1 : 0);
    const unit = unitOf(s.word(k));
    return unit ? withTail(2, unit, s, i, k + 1 - i) : undefined;
  }
  const n = numberOf(w);
  if (n === undefined) {
    // "через неделю", "in hour", "на минуту": a unit alone means one of it, after a prefix
    const unit = prefixed ? unitOf(w) : undefined;
    return unit ? withTail(1, unit, s, i, 1) : undefined;
  }
  // "one and a half hours"
  if (s.word(i + 1) === 'and' && s.word(i + 2) === 'a' && s.word(i + 3) === 'half' && unitOf(s.word(i + 4)) === 'hour') {
    return amount(n + 0.5, 'hour', 5);
  }
  const unit = unitOf(s.word(i + 1));
  if (unit === undefined) return undefined;
  const numeral = w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57;
  if (!prefixed && (unit === 'day' || unit === 'week' || (!numeral && n === 1 && w !== 'an' && w !== 'one'))) return undefined;
  return withTail(n, unit, s, i, 2);
}

const DURATION_PREFIX = new Set(['for', 'на', 'lasting', 'длительностью', 'продолжительностью']);
const RELATIVE_PREFIX = new Set(['in', 'через', 'within']);

/** A meeting length at `i`: an amount with or without "for"/"на". */
export function durationAt(s: TokenStream, i: number): Amount | undefined {
  const prefixed = DURATION_PREFIX.has(s.word(i) ?? '');
  const found = amountAt(s, prefixed ? i + 1 : i, prefixed);
  if (found && prefixed) return { ...found, len: found.len + 1 };
  if (found) return found;
  // "for 1:30" means one and a half hours
  const hm = prefixed ? /^(\d{1,2}):(\d{2})$/.exec(s.word(i + 1) ?? '') : null;
  if (hm) {
    const m = Number(hm[2]);
    const minutes = Number(hm[1]) * 60 + m;
    return { minutes, len: 2, invalid: m > 59 || minutes < 1 };
  }
  return undefined;
}

/** An offset from now at `i`: "in 2h", "in an hour", "через 30 минут", "через час", "через 2 дня". */
export function relativeAt(s: TokenStream, i: number): Amount | undefined {
  if (!RELATIVE_PREFIX.has(s.word(i) ?? '')) return fromNowAt(s, i);
  const found = amountAt(s, i + 1, true);
  return found ? { ...found, len: found.len + 1 } : undefined;
}

// "2 weeks from now", "3 days from today".
function fromNowAt(s: TokenStream, i: number): Amount | undefined {
  // an amount is one to five words: without "from" just after, there is nothing to read
  let from = false;
  for (let k = i + 1; k <= i + 5 && !from; k++) from = s.word(k) === 'from';
  if (!from) return undefined;
  const found = amountAt(s, i, true);
  if (!found || s.word(i + found.len) !== 'from') return undefined;
  const what = s.word(i + found.len + 1);
  return what === 'now' || what === 'today' ? { ...found, len: found.len + 2 } : undefined;
}

const AGO = new Set(['ago', 'назад']);

/** True when the text has a word that can end a past offset: only then is `agoAt` worth trying. */
export function mentionsAgo(s: TokenStream): boolean {
  for (let i = 0; i < s.tokens.length; i++) if (AGO.has(s.word(i) ?? '')) return true;
  return false;
}

/** An offset into the past at `i`: "10 minutes ago", "an hour ago", "2 часа назад", "неделю назад" (amounts are positive). */
export function agoAt(s: TokenStream, i: number): Amount | undefined {
  const found = amountAt(s, i, true);
  return found && AGO.has(s.word(i + found.len) ?? '') ? { ...found, len: found.len + 1 } : undefined;
}
