// Likely misspellings of the time words people type ("fridy", "tommorow", "завтро"), with the word they meant.

const KEYWORDS = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'tomorrow', 'tonight',
  'january', 'february', 'august', 'september', 'october', 'november', 'december', 'minutes', 'hours', 'quarter',
  'понедельник', 'вторник', 'среду', 'четверг', 'пятницу', 'пятница', 'субботу', 'суббота', 'воскресенье',
  'сегодня', 'завтра', 'послезавтра', 'сейчас', 'через', 'минут', 'января', 'февраля', 'августа', 'сентября', 'октября',
  'ноября', 'декабря',
];
/** Real words one letter away from a keyword ("среди" is "among", "четверо" is "four people"). */
const REAL_WORDS = new Set(['среди', 'четверо', 'sundae', 'marsh', 'hourse', 'minuet']);

const byFirst = new Map<string, string[]>();
for (const word of KEYWORDS) {
  const list = byFirst.get(word[0] ?? '') ?? [];
  list.push(word);
  byFirst.set(word[0] ?? '', list);
}

// Optimal string alignment distance (adjacent swaps count as one edit), giving up above `limit`.
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? limit + 1;
}

// Subject words repeat ("Sync", "review"): their answers are kept, up to a bound (as doubt.ts keeps word kinds).
const memo = new Map<string, string | null>();
const MAX_MEMO = 4096;

/** The time word `core` is probably a misspelling of, or undefined (exact words and their longer forms are not). */
export function correctionOf(core: string): string | undefined {
  const known = memo.get(core);
  if (known !== undefined) return known ?? undefined;
  const found = lookUp(core);
  if (memo.size >= MAX_MEMO) memo.clear();
  memo.set(core, found ?? null);
  return found;
}

function lookUp(core: string): string | undefined {
  if (core.length < 5 || REAL_WORDS.has(core) || !/^[a-zа-я]+$/.test(core)) return undefined;
  const candidates = byFirst.get(core[0] ?? '');
  if (!candidates) return undefined;
  const limit = core.length >= 8 ? 2 : 1;
  for (const word of candidates) {
    if (word === core || core.startsWith(word)) return undefined;
    if (distance(core, word, limit) <= limit) return word;
  }
  return undefined;
}
