// No silent guess: words left over after parsing that look like part of a time, a date or a duration. Left in the
// subject they would give a meeting at the wrong time, so the bot asks instead (see clarify.ts).
import { meridiemOf } from './clock';
import { correctionOf } from './fuzzy';
import { numberOf } from './numbers';
import type { Token } from './tokens';
import { compactOf, unitOf } from './units';

/** Leftover words that look like an unread time: where they are, as typed, and corrections for misspelt ones. */
export interface Doubt {
  /** Token indexes of the unclear run, in order. */
  readonly indexes: readonly number[];
  readonly phrase: string;
  /** Token index → the word probably meant ("fridy" → "friday"). */
  readonly corrections: ReadonlyMap<number, string>;
}

/** How a leftover word bears on time: alone enough (strong), a number, a unit, a time connector, or a linking word. */
type Kind = 'strong' | 'number' | 'unit' | 'connector' | 'link';

const STRONG_WORDS = new Set([
  'today', 'tomorrow', 'tmrw', 'tonight', 'morning', 'afternoon', 'evening', 'утром', 'вечером', 'yesterday', 'eod', 'cob', "o'clock", 'oclock', 'noon', 'midnight', 'midday', 'ago',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'сегодня', 'завтра', 'послезавтра', 'вчера', 'назад', 'полдень', 'полночь', 'полчаса',
  'понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'субботу', 'воскресенье',
]);
const UNIT_WORDS = new Set([
  'month', 'months', 'year', 'неделе', 'месяц', 'месяца', 'месяцев', 'january', 'february', 'march', 'april', 'june', 'july', 'august',
  'september', 'october', 'november', 'december', 'января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа',
  'сентября', 'октября', 'ноября', 'декабря',
]);
const CONNECTORS = new Set([
  'half', 'quarter', 'past', 'to', 'till', 'until', 'next', 'this', 'ish', '-ish', 'around',
  'couple', 'few', 'from', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
  'без', 'из', 'через', 'пол', 'половине', 'четверти', 'числа', 'следующий', 'следующую', 'следующей', 'следующее', 'эту', 'этот', 'эта',
  'около', 'утра', 'дня', 'вечера', 'ночи', 'пару', 'несколько', 'первого', 'второго', 'третьего', 'четвертого', 'пятого',
  'шестого', 'седьмого', 'восьмого', 'девятого', 'десятого', 'одиннадцатого', 'двенадцатого',
]);
const LINKS = new Set(['at', 'on', 'the', 'in', 'for', 'в', 'во', 'на', 'к', 'с']);
const CLOCKLIKE = /^\d{1,2}(?:[:.]\d{2})?(?:a\.?m\.?|p\.?m\.?|-?ish|h)?$|^\d{1,2}(?:st|nd|rd|th|-?го|-?е)$/;
const HALF_HOUR = /^пол-?[а-я]+ого$/;

// Words repeat from message to message; their kinds are kept, up to a bound: a team's chat vocabulary fits, and
// text made of random words costs the same few hundred kilobytes whatever it holds.
const kinds = new Map<string, { kind: Kind; correction?: string } | null>();
const MAX_KINDS = 4096;

function kindOf(core: string): { kind: Kind; correction?: string } | undefined {
  const known = kinds.get(core);
  if (known !== undefined) return known ?? undefined;
  const found = classify(core);
  if (kinds.size >= MAX_KINDS) kinds.clear();
  kinds.set(core, found ?? null);
  return found;
}

function classify(core: string): { kind: Kind; correction?: string } | undefined {
  if (STRONG_WORDS.has(core) || meridiemOf(core)) return { kind: 'strong' };
  if (/^\d/.test(core)) {
    if (/^\d+$/.test(core)) return { kind: 'number' };
    if (CLOCKLIKE.test(core) && (/\D/.test(core.replace(/[:.]/, '')) || /[:.]/.test(core))) return { kind: 'strong' };
    const compact = compactOf(core);
    if (compact) return { kind: 'minutes' in compact || compact.unit === 'min' || compact.unit === 'hour' ? 'strong' : 'number' };
    return undefined;
  }
  if (CONNECTORS.has(core)) return { kind: 'connector' };
  if (HALF_HOUR.test(core)) return { kind: 'strong' };
  const ish = /^([a-z]+)-?ish$/.exec(core);
  if (ish && numberOf(ish[1]) !== undefined) return { kind: 'strong' };
  if (UNIT_WORDS.has(core) || (core.length > 1 && unitOf(core) !== undefined)) return { kind: 'unit' };
  if (core !== 'a' && core !== 'an' && numberOf(core) !== undefined) return { kind: 'number' };
  if (LINKS.has(core)) return { kind: 'link' };
  const correction = correctionOf(core);
  return correction ? { kind: 'strong', correction } : undefined;
}

// A run is unclear when it has a strong word, or a number or unit together with another time word ("2 weeks",
// "next week", "3 to 5", "half past"); "Intro to Kafka", "Top 10 tips" and "Next steps" are subjects.
function unclear(kinds: readonly Kind[], words: readonly string[]): boolean {
  let n = false;
  let u = false;
  let c = false;
  for (let k = 0; k < kinds.length; k++) {
    const kind = kinds[k];
    if (kind === 'strong') return true;
    // "in 15", "через 5": an offset missing its unit
    if (kind === 'link' && (words[k] === 'in' || words[k] === 'через') && kinds[k + 1] === 'number') return true;
    if (kind === 'number') n = true;
    else if (kind === 'unit') u = true;
    else if (kind === 'connector') {
      c = true;
      const next = words[k + 1];
      if ((words[k] === 'half' || words[k] === 'quarter') && (next === 'past' || next === 'to')) return true;
    }
  }
  // "one to one", "1 to 1": a kind of meeting, not a range
  if (kinds.length === 3 && words[1] === 'to' && words[0] === words[2]) return false;
  return (n && (u || c)) || (u && c);
}

interface Classified {
  readonly index: number;
  readonly kind: Kind;
  readonly core: string;
  readonly correction?: string;
}

// The doubt a finished run gives, if it is unclear: trailing linking words dropped, at most one kept in front.
function doubtIn(run: Classified[], tokens: readonly Token[]): Doubt | undefined {
  while (run.length > 0 && run[run.length - 1]?.kind === 'link') run.pop();
  if (run.length === 0 || !unclear(run.map((r) => r.kind), run.map((r) => r.core))) return undefined;
  const first = run.findIndex((r) => r.kind !== 'link');
  const kept = run.slice(Math.max(0, first - 1));
  const corrections = new Map<number, string>();
  const words: string[] = [];
  for (const r of kept) {
    if (r.correction) corrections.set(r.index, r.correction);
    const tok = tokens[r.index];
    words.push(tok?.kind === 'word' ? tok.raw : '');
  }
  return { indexes: kept.map((r) => r.index), phrase: words.join(' '), corrections };
}

/** True when a word has nothing to do with time: no phrase can be made of it, wherever it stands. */
export function isPlainWord(core: string): boolean {
  return kindOf(core) === undefined;
}

/** The first unclear run among the leftover words, or undefined when every leftover word is plainly a subject word. */
export function doubtOf(tokens: readonly Token[], leftover: readonly number[]): Doubt | undefined {
  let run: Classified[] = [];
  let last = -2;
  for (const index of leftover) {
    const tok = tokens[index];
    const k = tok?.kind === 'word' ? kindOf(tok.core) : undefined;
    if ((!k || index !== last + 1) && run.length > 0) {
      const d = doubtIn(run, tokens);
      if (d) return d;
      run = [];
    }
    if (k && tok?.kind === 'word') run.push({ index, core: tok.core, ...k });
    last = k ? index : -2;
  }
  return run.length > 0 ? doubtIn(run, tokens) : undefined;
}
