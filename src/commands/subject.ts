// The subject: the quoted part if there is one, else the words no other phrase used.
import type { Token } from './tokens';

const EDGE_FILLERS = new Set(['at', 'on', 'for', 'in', 'with', 'and', 'from', 'to', 'в', 'во', 'на', 'с', 'со', 'и', 'к', 'по', 'до', 'для', 'через']);
const LEADING = /^[\s\-–—:,;.!?"'«»“”„|/\\]+/;
const TRAILING = /[\s\-–—:,;"'«»“”„|/\\]+$/;

function isFiller(word: string): boolean {
  return EDGE_FILLERS.has(word.toLowerCase().replace(/[,.;:]+$/, ''));
}

function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

/** The subject, trimmed of stray punctuation and of connecting words left at either end; null when empty. */
export function subjectOf(tokens: readonly Token[], leftover: readonly number[]): string | null {
  for (const tok of tokens) if (tok.kind === 'quote') return tok.text;
  const words: string[] = [];
  for (const i of leftover) {
    const tok = tokens[i];
    if (tok?.kind === 'word' && !/^[.,;:!?]+$/.test(tok.raw)) words.push(tok.raw);
  }
  let from = 0;
  let to = words.length;
  for (;;) {
    // a capitalised first word starts the title ("С новым годом"), it is no stray "с"
    while (from < to && isFiller(words[from] ?? '') && !isCapitalised(words[from] ?? '')) from++;
    while (to > from && isFiller(words[to - 1] ?? '')) to--;
    const text = words.slice(from, to).join(' ').replace(LEADING, '').replace(TRAILING, '');
    if (text === '') return null;
    const first = text.split(' ', 1)[0] ?? '';
    const last = text.slice(text.lastIndexOf(' ') + 1);
    if ((isFiller(first) && !isCapitalised(first)) || isFiller(last)) {
      // punctuation hid a filler ("- at"); drop it and look again
      if (isFiller(first) && !isCapitalised(first)) from++;
      else to--;
      continue;
    }
    return text;
  }
}
