// Days of the month said as ordinals: "the 20th", "on the 5th", "5-го", "20 числа", "5-го января", "the 3rd of March".
import { monthNumber } from './calendar';
import type { DayHit } from './days';
import type { TokenStream } from './tokens';

const ORDINAL = /^(\d{1,2})(?:st|nd|rd|th|-?го|-?е|-?ое)$/;
const LEAD = new Set(['on', 'в', 'на']);
/** What may follow an ordinal without a month for it to be a day ("the 20th at 2pm"); "the 5th floor" is not one. */
const FOLLOW = new Set(['at', '@', 'в', 'во', 'к', 'for', 'на', 'from', 'с', 'со', 'between', 'in', 'через', '-', ',', 'and', 'и', 'with']);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Reads a day of the month at token `i`. */
export function ordinalDayAt(s: TokenStream, i: number): DayHit | undefined {
  if (monthNumber(s.word(i - 1)) !== undefined) return undefined; // "December 1st": the calendar reads it
  let j = i;
  if (LEAD.has(s.word(j) ?? '')) j++;
  const the = s.word(j) === 'the';
  if (the) j++;
  const w = s.word(j);
  if (w === undefined || !isDigit(w.charCodeAt(0))) return undefined;
  const m = ORDINAL.exec(w) ?? (/^\d{1,2}$/.test(w) && s.word(j + 1) === 'числа' ? [w, w] : null);
  if (!m) return undefined;
  const day = Number(m[1]);
  if (day < 1 || day > 31) return { len: j + 1 - i, invalid: true };
  let k = j + 1;
  if (s.word(k) === 'числа') return { day: { kind: 'monthDay', day }, len: k + 1 - i };
  if (s.word(k) === 'of' && monthNumber(s.word(k + 1)) !== undefined) k++;
  const month = monthNumber(s.word(k));
  if (month !== undefined) {
    const y = s.word(k + 1);
    const year = y !== undefined && /^20\d\d$/.test(y) ? Number(y) : undefined;
    return { day: { kind: 'date', year, month, day }, len: (year === undefined ? k + 1 : k + 2) - i };
  }
  const next = s.tokens[k];
  const free = next === undefined || next.kind !== 'word' || FOLLOW.has(next.core) || /^\d/.test(next.core);
  return free ? { day: { kind: 'monthDay', day }, len: k - i } : undefined;
}
