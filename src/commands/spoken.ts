// Times of day as people say them: "half past 10", "quarter to 5", "ten past 9", "3ish", "EOD"; "полчетвёртого",
// "без четверти пять", "в час дня", "в пять вечера". Hours said without am/pm or a part of day are marked ambiguous:
// resolve.ts picks their next occurrence.
import { applyDaypart, daypartOf, isTwelveHour, meridiemOf, type ClockHit, type Daypart } from './clock';
import type { TokenStream } from './tokens';

/** A wall-clock time the speaker calls "end of day" (MEETBOT_END_OF_DAY). */
export interface DayEnd {
  readonly hour: number;
  readonly minute: number;
}

const PREFIX = new Set(['at', '@', 'around', 'в', 'во', 'к', 'около']);
const HOUR_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  один: 1, час: 1, два: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9, десять: 10,
  одиннадцать: 11, двенадцать: 12,
};
const MINUTE_WORDS: Readonly<Record<string, number>> = {
  five: 5, ten: 10, fifteen: 15, twenty: 20, 'twenty-five': 25, 'twenty five': 25, quarter: 15, half: 30,
};
/** Russian genitive ordinals: "полчетвёртого" is half of the fourth hour, 3:30. */
const ORDINAL_HOURS: Readonly<Record<string, number>> = {
  первого: 1, второго: 2, третьего: 3, четвертого: 4, пятого: 5, шестого: 6, седьмого: 7, восьмого: 8, девятого: 9,
  десятого: 10, одиннадцатого: 11, двенадцатого: 12,
};
/** "без четверти пять", "без десяти пять": minutes before the hour, in the genitive. */
const BEFORE: Readonly<Record<string, number>> = { пяти: 5, десяти: 10, пятнадцати: 15, двадцати: 20, четверти: 15 };
const ISH = /^(\d{1,2})(?::(\d{2}))?(am|pm)?-?ish$/;
const EOD = new Set(['eod', 'cob', 'eob']);

function has<T>(table: Readonly<Record<string, T>>, key: string | undefined): key is string {
  return key !== undefined && Object.prototype.hasOwnProperty.call(table, key);
}

/** An hour 1–12 as a numeral or a word. */
function hourOf(core: string | undefined): number | undefined {
  if (core === undefined) return undefined;
  if (/^\d{1,2}$/.test(core)) {
    const n = Number(core);
    return n >= 1 && n <= 12 ? n : undefined;
  }
  return has(HOUR_WORDS, core) ? HOUR_WORDS[core] : undefined;
}

/** Minutes 1–30 as a numeral or a word ("ten", "20", "quarter", "half"). */
function minutesOf(core: string | undefined): number | undefined {
  if (core === undefined) return undefined;
  if (/^\d{1,2}$/.test(core)) {
    const n = Number(core);
    return n >= 1 && n <= 30 ? n : undefined;
  }
  return has(MINUTE_WORDS, core) ? MINUTE_WORDS[core] : undefined;
}

// The finished time: a following am/pm or part of day settles the half of the day; otherwise it may be ambiguous.
function finish(s: TokenStream, i: number, j: number, hour: number, minute: number): ClockHit {
  const meridiem = meridiemOf(s.word(j));
  if (meridiem) {
    if (hour < 1 || hour > 12) return { len: j + 1 - i, invalid: true };
    return { hour: meridiem === 'am' ? hour % 12 : (hour % 12) + 12, minute, len: j + 1 - i };
  }
  const k = /^(час|часа|часов)$/.test(s.word(j) ?? '') && daypartOf(s.word(j + 1)) ? j + 1 : j;
  const part: Daypart | undefined = daypartOf(s.word(k));
  if (part) return { hour: applyDaypart(hour % 24, part), minute, len: k + 1 - i };
  const h = hour % 24;
  return { hour: h, minute, len: j - i, ambiguous: isTwelveHour(h) };
}

// "half past 10", "quarter to 5", "ten past 9", "20 minutes to 6".
function pastOrTo(s: TokenStream, i: number, j: number): ClockHit | undefined {
  const minutes = minutesOf(s.word(j));
  if (minutes === undefined) return undefined;
  const unit = /^(minutes?|mins?)$/.test(s.word(j + 1) ?? '');
  const k = unit ? j + 2 : j + 1;
  const dir = s.word(k);
  if (dir !== 'past' && dir !== 'after' && dir !== 'to' && dir !== 'before') return undefined;
  if (minutes === 30 && dir !== 'past') return undefined;
  // "3 to 5" is a range more often than three minutes to five: a numeral before "to" needs "minutes"
  if ((dir === 'to' || dir === 'before') && /^\d/.test(s.word(j) ?? '') && !unit) return undefined;
  const said = s.word(k + 1) ?? '';
  // "half past 2pm": the am/pm may be written onto the hour
  const glued = /^(\d{1,2})(am|pm)$/.exec(said);
  const hour = hourOf(glued ? glued[1] : said);
  if (hour === undefined) return undefined;
  const h = dir === 'past' || dir === 'after' ? hour : hour === 1 ? 12 : hour - 1;
  const m = dir === 'past' || dir === 'after' ? minutes : 60 - minutes;
  if (!glued) return finish(s, i, k + 2, h, m);
  return { hour: glued[2] === 'am' ? h % 12 : (h % 12) + 12, minute: m, len: k + 2 - i };
}

// "полчетвёртого", "пол-четвёртого", "пол четвёртого", "в половине четвёртого": 3:30.
function russianHalf(s: TokenStream, i: number, j: number): ClockHit | undefined {
  const w = s.word(j) ?? '';
  if ((w === 'пол' || w === 'половине') && has(ORDINAL_HOURS, s.word(j + 1))) return finish(s, i, j + 2, halfBefore(ORDINAL_HOURS[s.word(j + 1) ?? ''] ?? 1), 30);
  const m = /^пол-?(.+)$/.exec(w);
  if (!m || !has(ORDINAL_HOURS, m[1])) return undefined;
  return finish(s, i, j + 1, halfBefore(ORDINAL_HOURS[m[1]] ?? 1), 30);
}

function halfBefore(ordinal: number): number {
  return ordinal === 1 ? 12 : ordinal - 1;
}

// "без четверти пять", "без десяти 5", "без 15 пять".
function russianBefore(s: TokenStream, i: number, j: number): ClockHit | undefined {
  if (s.word(j) !== 'без') return undefined;
  const w = s.word(j + 1);
  const minutes = has(BEFORE, w) ? BEFORE[w] : /^\d{1,2}$/.test(w ?? '') ? Number(w) : undefined;
  if (minutes === undefined || minutes < 1 || minutes > 29) return undefined;
  const k = /^(минут|минуты)$/.test(s.word(j + 2) ?? '') ? j + 3 : j + 2;
  const hour = hourOf(s.word(k));
  if (hour === undefined) return undefined;
  return finish(s, i, k + 1, hour === 1 ? 12 : hour - 1, 60 - minutes);
}

function endOfDay(s: TokenStream, i: number, j: number, eod: DayEnd): ClockHit | undefined {
  const w = s.word(j);
  if (EOD.has(w ?? '')) return { hour: eod.hour, minute: eod.minute, len: j + 1 - i };
  if (w === 'end' && s.word(j + 1) === 'of') {
    const k = s.word(j + 2) === 'the' ? j + 3 : j + 2;
    if (s.word(k) === 'day' || s.word(k) === 'business') return { hour: eod.hour, minute: eod.minute, len: k + 1 - i };
  }
  if ((w === 'конец' || w === 'конце' || w === 'концу') && s.word(j + 1) === 'дня') return { hour: eod.hour, minute: eod.minute, len: j + 2 - i };
  return undefined;
}

const STARTERS = new Set(['half', 'quarter', 'без', 'пол', 'end', 'конец', 'конце', 'концу', 'eod', 'cob', 'eob']);
const DIRECTIONS = new Set(['past', 'after', 'to', 'before', 'ish', '-ish']);

// Most words start no spoken time: a cheap look at the word and the next two saves the matchers below.
function mayStart(s: TokenStream, j: number, w: string, prefixed: boolean): boolean {
  if (STARTERS.has(w) || w.startsWith('пол')) return true;
  if (w.endsWith('ish')) return true;
  if (DIRECTIONS.has(s.word(j + 1) ?? '') || DIRECTIONS.has(s.word(j + 2) ?? '')) return true;
  return prefixed && has(HOUR_WORDS, w);
}

/** Reads a spoken time of day at token `i`. */
export function spokenAt(s: TokenStream, i: number, eod: DayEnd): ClockHit | undefined {
  const first = s.word(i);
  if (first === undefined) return undefined;
  const prefixed = PREFIX.has(first);
  const j = prefixed ? i + 1 : i;
  const w = s.word(j);
  if (w === undefined || !mayStart(s, j, w, prefixed)) return undefined;
  const ish = ISH.exec(w) ?? (/^\d{1,2}$/.test(w) && (s.word(j + 1) === 'ish' || s.word(j + 1) === '-ish') ? ISH.exec(`${w}ish`) : null);
  if (ish) {
    const [hour, minute] = [Number(ish[1]), Number(ish[2] ?? 0)];
    if (hour > 23 || minute > 59) return undefined;
    const len = ISH.test(w) ? j + 1 - i : j + 2 - i;
    // "3ish" is read as 3 sharp and the card says it was approximate, so nobody mistakes it for a promise.
    if (ish[3] !== undefined) return hour >= 1 && hour <= 12 ? { hour: ish[3] === 'am' ? hour % 12 : (hour % 12) + 12, minute, len, approximate: true } : undefined;
    return { hour, minute, len, ambiguous: isTwelveHour(hour), approximate: true };
  }
  const hit = pastOrTo(s, i, j) ?? russianHalf(s, i, j) ?? russianBefore(s, i, j) ?? endOfDay(s, i, j, eod);
  if (hit) return hit;
  // "в час", "в пять вечера", "at five": an hour word needs the prefix ("five" alone is a number)
  if (!prefixed || !has(HOUR_WORDS, w) || (first === 'at' && w === 'час')) return undefined;
  if (w === 'час' && first !== 'в' && first !== 'к') return undefined;
  const hour = HOUR_WORDS[w] ?? 1;
  const k = w !== 'час' && /^(час|часа|часов|o'clock|oclock)$/.test(s.word(j + 1) ?? '') ? j + 2 : j + 1;
  return finish(s, i, k, hour, 0);
}
