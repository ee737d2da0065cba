// Calendar dates written with month names ("Dec 1", "1st of December 2027", "1 декабря"): chrono-node reads these.
import * as chrono from 'chrono-node';
import type { Token } from './tokens';

/** A date chrono found in the leftover words, and which of those words it used. */
export interface CalendarHit {
  readonly year?: number;
  readonly month: number;
  readonly day: number;
  readonly time?: { readonly hour: number; readonly minute: number };
  /** Indexes (into the token list) of the words the date used. */
  readonly used: readonly number[];
}

// chrono is only asked when a month name is present: it is the slowest step and it misreads plain numbers.
const EN_MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const RU_MONTH = /(?:^|[^а-яё])(?:янв|фев|мар|апр|ма[йяе]|июн|июл|авг|сен|окт|ноя|дек)/i;

/** Looks for a month-name date among the words at `indexes` (the ones no other phrase used). */
export function calendarDate(tokens: readonly Token[], indexes: readonly number[], now: Date): CalendarHit | undefined {
  let text = '';
  const words: { index: number; offset: number }[] = [];
  for (const index of indexes) {
    const tok = tokens[index];
    if (tok?.kind !== 'word') continue;
    if (text !== '') text += ' ';
    words.push({ index, offset: text.length });
    text += tok.raw;
  }
  if (text.length > 1000 || !/\d/.test(text)) return undefined; // longer leftovers fail as subject_too_long anyway
  const parsers: chrono.Chrono[] = [];
  if (EN_MONTH.test(text)) parsers.push(chrono.en.casual);
  if (RU_MONTH.test(text)) parsers.push(chrono.ru.casual);
  for (const parser of parsers) {
    for (const r of parser.parse(text, now)) {
      if (!r.start.isCertain('month') || !r.start.isCertain('day')) continue;
      const from = r.index;
      const to = r.index + r.text.trimEnd().length;
      const used = words.filter((w) => w.offset >= from && w.offset < to).map((w) => w.index);
      const month = r.start.get('month') ?? 0;
      const day = r.start.get('day') ?? 0;
      const year = r.start.isCertain('year') ? (r.start.get('year') ?? undefined) : undefined;
      const time = r.start.isCertain('hour')
        ? { hour: r.start.get('hour') ?? 0, minute: r.start.get('minute') ?? 0 }
        : undefined;
      return { year, month, day, time, used };
    }
  }
  return undefined;
}
