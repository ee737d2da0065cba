// The clarifying question for an unclear phrase: what was understood, the part that was not, and up to two commands
// that would work (the misspelling corrected, or the reading spelled out; and the unclear words kept as the subject).
import type { ErrorParams } from '../errors';
import { isPlainWord, type Doubt } from './doubt';
import type { Token } from './tokens';
import type { ParseContext } from './types';
import { MAX_SUBJECT } from './validate';
import { addDays, type YMD, type Zone } from './zone';

/** A meeting as placed, before the subject was checked. */
export interface Reading {
  readonly start: Date;
  readonly end: Date;
  readonly instant: boolean;
}

/** What the clarifying reply says and offers. */
export interface Clarification {
  readonly params: ErrorParams;
  /** Commands to offer, each one a full `/meet …` text that parses to a meeting. */
  readonly suggestions: readonly string[];
}

const WORDS = {
  en: { now: 'now', today: 'today', tomorrow: 'tomorrow', at: '' },
  ru: { now: 'сейчас', today: 'сегодня', tomorrow: 'завтра', at: 'в ' },
} as const;

function attendeeText(tok: Token): string | undefined {
  if (tok.kind !== 'attendee') return undefined;
  return tok.ref.kind === 'email' ? tok.ref.email : tok.ref.token;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const sameDay = (a: YMD, b: YMD): boolean => a.year === b.year && a.month === b.month && a.day === b.day;

/** The reading as words the parser reads back the same way: "tomorrow 09:00 45m", "2026-12-20 14:00", "сейчас". */
export function readingText(r: Reading, ctx: ParseContext, zone: Zone, defaultMinutes: number): string {
  const w = WORDS[ctx.locale];
  const minutes = Math.round((r.end.getTime() - r.start.getTime()) / 60_000);
  const length = minutes === defaultMinutes ? '' : minutes % 60 === 0 ? ` ${minutes / 60}h` : ` ${minutes}m`;
  if (r.instant) return `${w.now}${length}`;
  const ms = r.start.getTime();
  const date = zone.dateAt(ms);
  const local = new Date(ms + zone.offset(ms) * 60_000);
  const today = zone.dateAt(ctx.now.getTime());
  const tomorrow = addDays(today, 1);
  const day = sameDay(date, today) ? w.today : sameDay(date, tomorrow) ? w.tomorrow : `${date.year}-${pad(date.month)}-${pad(date.day)}`;
  return `${day} ${w.at}${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}${length}`;
}

function wordsAt(tokens: readonly Token[], indexes: readonly number[]): string[] {
  const out: string[] = [];
  for (const i of indexes) {
    const tok = tokens[i];
    if (tok?.kind === 'word') out.push(tok.raw);
  }
  return out;
}

// The typed text with the misspelt words replaced (positions in `body` line up with the tokens').
function corrected(body: string, tokens: readonly Token[], corrections: ReadonlyMap<number, string>): string {
  let out = body;
  const spans = [...corrections].sort((a, b) => (tokens[b[0]]?.start ?? 0) - (tokens[a[0]]?.start ?? 0));
  for (const [index, word] of spans) {
    const tok = tokens[index];
    if (tok?.kind !== 'word') continue;
    const lead = /^[(["'«“„]*/.exec(tok.raw)?.[0].length ?? 0;
    const core = tok.raw.slice(lead).replace(/[,.;:!?)\]"'»”“]+$/, '');
    out = out.slice(0, tok.start + lead) + word + out.slice(tok.start + lead + core.length);
  }
  return out.trim();
}

/**
 * Builds the question. `works` re-parses a candidate (without asking back) and says whether it gives a meeting;
 * only candidates that do are offered.
 */
export function clarify(
  body: string,
  tokens: readonly Token[],
  leftover: readonly number[],
  doubt: Doubt,
  reading: Reading,
  ctx: ParseContext & { readonly zone: Zone; readonly defaultMinutes: number },
  works: (text: string) => boolean,
): Clarification {
  const when = readingText(reading, ctx, ctx.zone, ctx.defaultMinutes);
  const people = tokens.map(attendeeText).filter((x): x is string => x !== undefined);
  const quoted = tokens.find((t): t is Extract<Token, { kind: 'quote' }> => t.kind === 'quote');
  const unclear = new Set(doubt.indexes);
  const restIndexes = leftover.filter((i) => !unclear.has(i));
  const rest = wordsAt(tokens, restIndexes);
  // the reading with only words that have nothing to do with time parses back to itself: no need to try it
  const plainRest = restIndexes.every((i) => {
    const tok = tokens[i];
    return tok?.kind !== 'word' || isPlainWord(tok.core);
  });
  const candidates: string[] = [];
  if (doubt.corrections.size > 0) candidates.push(`/meet ${corrected(body, tokens, doubt.corrections)}`);
  const spelledOut = ['/meet', when, quoted ? `"${quoted.text}"` : rest.join(' '), ...people].filter(Boolean).join(' ');
  const asSubject = quoted ? undefined : ['/meet', when, `"${wordsAt(tokens, leftover).join(' ').replace(/"/g, "'")}"`, ...people].join(' ');
  // a misspelling: the corrected command, else the words as the subject; otherwise the reading spelled out first
  if (doubt.corrections.size > 0 && asSubject) candidates.push(asSubject, spelledOut);
  else candidates.push(spelledOut, ...(asSubject ? [asSubject] : []));
  const suggestions: string[] = [];
  for (const text of candidates) {
    if (suggestions.length >= 2 || suggestions.includes(text)) continue;
    // the reading with every leftover word quoted always parses, unless the subject grows too long
    const sure = (text === asSubject || (text === spelledOut && plainRest)) && text.length < MAX_SUBJECT;
    if (sure || works(text)) suggestions.push(text);
  }
  // what was understood, in the words the examples use ("tomorrow 09:00", "завтра в 09:00")
  return { params: { understood: when, phrase: doubt.phrase, example: suggestions[0] ?? `/meet ${when}` }, suggestions };
}
