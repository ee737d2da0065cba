// Tokens: the text split into words, with mentions, e-mails and the quoted subject as single opaque tokens.
import type { AttendeeRef } from './types';

/** One piece of the command text, in order of appearance. */
export type Token =
  | { readonly kind: 'word'; readonly raw: string; readonly core: string; readonly start: number }
  | { readonly kind: 'attendee'; readonly ref: AttendeeRef; readonly start: number }
  | { readonly kind: 'quote'; readonly text: string; readonly start: number };

/** The token stream the phrase matchers read. */
export interface TokenStream {
  readonly tokens: readonly Token[];
  /** The core form of word token `i`, or undefined when `i` is past the end or not a word. */
  word(i: number): string | undefined;
}

const LEADING_PUNCT = /^[(["'«“„]+/;
const TRAILING_PUNCT = /[,.;:!?)\]"'»”“]+$/;
const DASHES = /[‐‑‒–—―−]/g;

/** The form matchers compare: lower case, `ё`→`е`, dashes unified, outer punctuation removed. */
export function coreOf(raw: string): string {
  const lower = raw.toLowerCase();
  const unified = lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
  return unified.replace(DASHES, '-').replace(LEADING_PUNCT, '').replace(TRAILING_PUNCT, '');
}

/** Splits `masked` (special spans already blanked) into word tokens and merges in the special tokens by position. */
export function tokenize(masked: string, specials: readonly Token[]): TokenStream {
  const words: Token[] = [];
  for (const m of masked.matchAll(/\S+/g)) {
    const raw = m[0];
    words.push({ kind: 'word', raw, core: coreOf(raw), start: m.index });
  }
  const tokens = specials.length === 0 ? words : [...words, ...specials].sort((a, b) => a.start - b.start);
  return {
    tokens,
    word(i: number): string | undefined {
      const tok = tokens[i];
      return tok !== undefined && tok.kind === 'word' ? tok.core : undefined;
    },
  };
}
