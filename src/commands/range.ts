// Ranges: "10:00-11:00", "10-11", "10am-11am", "from 10 to 11:30", "between 10 and 11", "с 10 до 11", "с 10:00 до 11:30".
import { applyDaypart, clockParts, daypartOf, meridiemOf, to24, type ClockParts, type Daypart } from './clock';
import type { TokenStream } from './tokens';

/** Start and end wall-clock times read from `len` tokens, or an impossible range (`25:00-26:00`). */
export type RangeHit =
  | { readonly start: { hour: number; minute: number }; readonly end: { hour: number; minute: number }; readonly len: number; readonly invalid?: false }
  | { readonly len: number; readonly invalid: true };

const PREFIX = new Set(['from', 'between', 'с', 'со']);
const SEPARATORS = new Set(['-', 'to', 'till', 'until', 'til', 'до', 'по', 'and']);
const JOINED = /^(\d{1,2}(?::\d{2})?(?:a\.?m|p\.?m)?)-(\d{1,2}(?::\d{2})?(?:a\.?m|p\.?m)?)$/;

interface Side {
  readonly parts: ClockParts;
  readonly meridiem?: 'am' | 'pm';
  readonly len: number;
}

// One end of a range: a clock token, optionally followed by a separate "am"/"pm".
function sideAt(s: TokenStream, i: number): Side | undefined {
  const parts = clockParts(s.word(i), true);
  if (!parts) return undefined;
  const next = parts.meridiem ? undefined : meridiemOf(s.word(i + 1));
  return next ? { parts, meridiem: next, len: 2 } : { parts, meridiem: parts.meridiem, len: 1 };
}

function explicit(side: Side): boolean {
  return side.parts.colon || side.meridiem !== undefined;
}

// "11-1pm" is 11:00–13:00 and "2-3pm" is 14:00–15:00: a start without am/pm takes the end's when that keeps it first.
function resolve(a: Side, b: Side, part: Daypart | undefined, len: number): RangeHit {
  const end = to24(b.parts, b.meridiem);
  if (!end) return { len, invalid: true };
  let start = to24(a.parts, a.meridiem);
  if (!a.meridiem && b.meridiem) {
    const same = to24(a.parts, b.meridiem);
    const toMinutes = (t: { hour: number; minute: number }) => t.hour * 60 + t.minute;
    if (same && toMinutes(same) < toMinutes(end)) start = same;
    else start = to24(a.parts, b.meridiem === 'pm' ? 'am' : 'pm') ?? start;
  }
  if (!start) return { len, invalid: true };
  if (a.meridiem && !b.meridiem && end.hour < 12 && end.hour * 60 + end.minute <= start.hour * 60 + start.minute) {
    end.hour += 12;
  }
  if (part) {
    start.hour = applyDaypart(start.hour, part);
    end.hour = applyDaypart(end.hour, part);
  }
  return { start, end, len };
}

/** Reads a time range at token `i`. */
export function rangeAt(s: TokenStream, i: number): RangeHit | undefined {
  const first = s.word(i);
  if (first === undefined) return undefined;
  const prefixed = PREFIX.has(first);
  const j = prefixed ? i + 1 : i;
  let a: Side | undefined;
  let b: Side | undefined;
  let k: number;
  const joined = JOINED.exec(s.word(j) ?? '');
  if (joined) {
    const pa = clockParts(joined[1], false);
    a = pa ? { parts: pa, meridiem: pa.meridiem, len: 1 } : undefined;
    const pb = clockParts(joined[2], false);
    const nm = pb?.meridiem ? undefined : meridiemOf(s.word(j + 1));
    b = pb ? { parts: pb, meridiem: pb.meridiem ?? nm, len: nm ? 2 : 1 } : undefined;
    k = j + (b?.len ?? 1);
  } else {
    a = sideAt(s, j);
    if (!a) return undefined;
    const sep = s.word(j + a.len);
    if (sep === undefined || !SEPARATORS.has(sep) || (sep === 'and' && first !== 'between')) return undefined;
    b = sideAt(s, j + a.len + 1);
    if (!b) return undefined;
    // Without "from"/"с", "10 to 11" is too loose to be a range; "10 - 11" and "10:00 to 11:00" are not.
    if (!prefixed && sep !== '-' && !explicit(a) && !explicit(b)) return undefined;
    k = j + a.len + 1 + b.len;
  }
  if (!a || !b) return undefined;
  if (/^(час|часа|часов|ч)$/.test(s.word(k) ?? '')) k++;
  const part = daypartOf(s.word(k));
  if (part !== undefined) k++;
  const hit = resolve(a, b, part, k - i);
  // A bare "12-01" that runs backwards is more likely a label than a range.
  if (!hit.invalid && !prefixed && joined && !explicit(a) && !explicit(b)) {
    if (hit.end.hour * 60 + hit.end.minute <= hit.start.hour * 60 + hit.start.minute) return undefined;
  }
  if (hit.invalid && !prefixed && !explicit(a) && !explicit(b)) return undefined;
  return !hit.invalid && prefixed && part === undefined && !explicit(a) && !explicit(b) ? workingDay(hit) : hit;
}

// "from 9 to 5" is 09:00–17:00 and "from 2 to 4" 14:00–16:00: bare hours read as a working day expects.
function workingDay(hit: Extract<RangeHit, { start: unknown }>): RangeHit {
  const { start, end } = hit;
  const [from, to] = [start.hour * 60 + start.minute, end.hour * 60 + end.minute];
  // backwards by a working day's length at most ("с 11 до 10" is a slip, not eleven hours)
  if (to <= from && end.hour < 12 && to + 720 - from <= 540) return { ...hit, end: { ...end, hour: end.hour + 12 } };
  if (start.hour >= 1 && start.hour <= 6 && end.hour < 12) return { ...hit, start: { ...start, hour: start.hour + 12 }, end: { ...end, hour: end.hour + 12 } };
  return hit;
}
