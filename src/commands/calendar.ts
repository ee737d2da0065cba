// Calendar dates written with month names ("Dec 1", "1st of December 2027", "1 декабря"): chrono-node reads these.
import type { Chrono } from 'chrono-node';
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

// The two commonest shapes, "1 Dec" and "Dec 1" (optionally with a year), read without chrono: it is ~10x slower.
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
  января: 1, янв: 1, февраля: 2, фев: 2, марта: 3, мар: 3, апреля: 4, апр: 4, мая: 5, июня: 6, июн: 6, июля: 7, июл: 7,
  августа: 8, авг: 8, сентября: 9, сен: 9, сент: 9, октября: 10, окт: 10, ноября: 11, ноя: 11, нояб: 11, декабря: 12, дек: 12,
};

function monthOf(tok: Token | undefined): number | undefined {
  return tok?.kind === 'word' ? monthNumber(tok.core) : undefined;
}

/** The month (1–12) a month name or abbreviation names, in either language, or undefined. */
export function monthNumber(core: string | undefined): number | undefined {
  return core !== undefined && Object.prototype.hasOwnProperty.call(MONTHS, core) ? MONTHS[core] : undefined;
}

function dayOf(tok: Token | undefined): number | undefined {
  if (tok?.kind !== 'word' || !/^\d{1,2}$/.test(tok.core)) return undefined;
  const day = Number(tok.core);
  return day >= 1 && day <= 31 ? day : undefined;
}

function simpleDate(tokens: readonly Token[], indexes: readonly number[]): CalendarHit | undefined {
  for (let k = 0; k + 1 < indexes.length; k++) {
    const [a, b] = [indexes[k] ?? -1, indexes[k + 1] ?? -1];
    if (b !== a + 1) continue;
    const [ta, tb] = [tokens[a], tokens[b]];
    const dm = dayOf(ta) !== undefined && monthOf(tb) !== undefined;
    const md = monthOf(ta) !== undefined && dayOf(tb) !== undefined;
    if (!dm && !md) continue;
    const day = (dm ? dayOf(ta) : dayOf(tb)) ?? 1;
    const month = (dm ? monthOf(tb) : monthOf(ta)) ?? 1;
    const next = indexes[k + 2] === b + 1 ? tokens[b + 1] : undefined;
    const year = next?.kind === 'word' && /^20\d\d$/.test(next.core) ? Number(next.core) : undefined;
    return { year, month, day, used: year === undefined ? [a, b] : [a, b, b + 1] };
  }
  return undefined;
}

/**
 * chrono-node's casual parser for one language, loaded by the first date that needs it: the package's index loads
 * every locale it has, about 15 MB a server would hold from its start while most commands never ask chrono.
 */
function casual(locale: 'en' | 'ru'): Chrono {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (locale === 'en') return (require('chrono-node/en') as typeof import('chrono-node/en')).casual;
  return (require('chrono-node/ru') as typeof import('chrono-node/ru')).casual;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** Looks for a month-name date among the words at `indexes` (the ones no other phrase used). */
export function calendarDate(tokens: readonly Token[], indexes: readonly number[], now: Date): CalendarHit | undefined {
  const simple = simpleDate(tokens, indexes);
  if (simple) return simple;
  let text = '';
  const words: { index: number; offset: number }[] = [];
  for (const index of indexes) {
    const tok = tokens[index];
    if (tok?.kind !== 'word') continue;
    if (text !== '') text += ' ';
    words.push({ index, offset: text.length });
    text += tok.raw;
  }
  if (text.length > 300 || !/\d/.test(text)) return undefined; // longer leftovers fail as subject_too_long anyway
  const parsers: Chrono[] = [];
  if (EN_MONTH.test(text)) parsers.push(casual('en'));
  if (RU_MONTH.test(text)) parsers.push(casual('ru'));
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
