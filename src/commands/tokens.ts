// Tokens: the text split into words, with mentions, e-mails and the quoted subject as single opaque tokens.
import type { AttendeeRef } from './types';

/** One piece of the command text, in order of appearance. */
export type Token =
  | { readonly kind: 'word'; readonly raw: string; readonly core: string; readonly start: number }
  | { readonly kind: 'attendee'; readonly ref: AttendeeRef; readonly start: number }
  | { readonly kind: 'quote'; readonly text: string; readonly start: number };

/** The token stream the phrase matchers read. */
export class TokenStream {
  constructor(readonly tokens: readonly Token[]) {}

  /** The core form of word token `i`, or undefined when `i` is past the end or not a word. */
  word(i: number): string | undefined {
    const tok = this.tokens[i];
    return tok !== undefined && tok.kind === 'word' ? tok.core : undefined;
  }
}

// Most words need none of the clean-up below.
const PLAIN = /^[a-zа-я0-9]+(?:[:.-][a-zа-я0-9]+)*$/;
const LEADING_PUNCT = /^[(["'«“„]+/;
const TRAILING_PUNCT = /[,.;:!?)\]"'»”“]+$/;
const DASHES = /[‐‑‒–—―−]/g;

/** The form matchers compare: lower case, `ё`→`е`, dashes unified, outer punctuation removed. */
function coreOf(raw: string): string {
  const lower = raw.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  const unified = lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
  return unified.replace(DASHES, '-').replace(LEADING_PUNCT, '').replace(TRAILING_PUNCT, '');
}

/** Splits `masked` (special spans already blanked) into word tokens and merges in the special tokens by position. */
export function tokenize(masked: string, specials: readonly Token[]): TokenStream {
  const words: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(masked); m !== null; m = WORD.exec(masked)) {
    words.push({ kind: 'word', raw: m[0], core: coreOf(m[0]), start: m.index });
  }
  if (specials.length === 0) return new TokenStream(words);
  return new TokenStream([...words, ...specials].sort(byStart));
}

const WORD = /\S+/g;

function byStart(a: Token, b: Token): number {
  return a.start - b.start;
}
