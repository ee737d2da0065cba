// Mentions, e-mails and the quoted subject: found first so that nothing else misreads them. The core knows no
// platform's mention syntax: adapters report each mention as its literal token and a name, and it is found by that text.
//
// The rules, in order:
// 1. A quoted part ("…", “…”, «…», „…“) is literal. Mentions, e-mails, times and durations inside it are not read;
//    the first non-empty quoted part is the subject verbatim, later ones are ignored like any extra words. Quote marks
//    inside a reported mention token do not open or close a quoted part.
// 2. Outside quotes, every occurrence of a reported mention token is a mention, whatever it looks like.
// 3. E-mail addresses and `@name` at the start of a word are attendees; anything else is text. Broadcasts (`@here`,
//    `@channel`, `@everyone`) are nobody: outside quotes they are dropped, never invited and never looked up.
import type { AttendeeRef } from './types';
import type { Token } from './tokens';

/** A mention the platform reported: its literal token in the text and the name the parser gives it. */
export interface ReportedMention {
  readonly token: string;
  readonly name: string;
}

/** What extraction found, and the text with those parts blanked (same length, so positions still line up). */
export interface Extracted {
  readonly masked: string;
  readonly specials: readonly Token[];
}

const QUOTED = /"([^"]*)"|“([^”"]*)[”"]|«([^»]*)»|„([^“”"]*)[“”"]/g;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;
const EMAIL_HINT = /[^\s@]@[^\s@]/;
const QUOTE_CHAR = /["“«„]/;
// `@name` starts a word: after the start, a space or an opening bracket or quote, so `x|@y` or `a@b` names nobody.
const AT_WORD = /(?<=^|[\s([{"'«“„,;])@([\p{L}\p{N}._-]*[\p{L}\p{N}_])/gu;
const BROADCASTS = new Set(['here', 'channel', 'everyone']);

// Blanks all spans in one pass, so a message with many mentions stays linear.
function blank(text: string, spans: readonly (readonly [number, number])[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + ' '.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}

function mention(specials: Token[], token: string, name: string, start: number): void {
  specials.push({ kind: 'attendee', ref: { kind: 'mention', token, name }, start });
}

// Runs one pattern over `source`, records what it found, and returns where it found it.
function find(source: string, re: RegExp, specials: Token[], kind: 'mention' | 'email'): [number, number][] {
  const spans: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    if (kind === 'mention') {
      if (!BROADCASTS.has((m[1] ?? '').toLowerCase())) mention(specials, m[0], m[1] ?? '', m.index);
    } else specials.push({ kind: 'attendee', ref: { kind: 'email', email: m[0] }, start: m.index });
    spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

// Every occurrence of a literal mention token, recorded as a mention (when `specials` is given).
function tokenSpans(text: string, token: string, specials?: { list: Token[]; name: string }): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) {
    if (specials) mention(specials.list, token, specials.name, at);
    spans.push([at, at + token.length]);
  }
  return spans;
}

// Blanks every quoted part (rule 1) and records the first non-empty one as the subject. Quotes are looked for in a copy
// with the reported mention tokens blanked, so a quote mark inside a mention token cannot start or end a quoted part.
function takeQuotes(text: string, literal: readonly ReportedMention[], specials: Token[]): string {
  let shielded = text;
  for (const { token } of literal) if (token.trim() !== '' && QUOTE_CHAR.test(token)) shielded = blank(shielded, tokenSpans(shielded, token));
  const spans: [number, number][] = [];
  QUOTED.lastIndex = 0;
  for (let m = QUOTED.exec(shielded); m !== null; m = QUOTED.exec(shielded)) {
    const end = m.index + m[0].length;
    // the inner text comes from the original, so mention tokens inside the quotes stay in the subject as typed
    const inner = text.slice(m.index + 1, end - 1).replace(/\s+/g, ' ').trim();
    if (inner === '') continue;
    if (spans.length === 0) specials.push({ kind: 'quote', text: inner, start: m.index });
    spans.push([m.index, end]);
  }
  return blank(text, spans);
}

/** Finds attendees and the first quoted part; returns them as tokens plus the rest of the text, blanked where they were. */
export function extractSpecials(text: string, reported: readonly ReportedMention[]): Extracted {
  const specials: Token[] = [];
  const literal = reported.length < 2 ? reported : uniqueTokens(reported).sort(longestFirst);
  let masked = QUOTE_CHAR.test(text) ? takeQuotes(text, literal, specials) : text;
  // Reported tokens first, longest first so `<x|bob>` wins over a shorter token inside it.
  for (const { token, name } of literal) {
    if (token.trim() === '') continue;
    masked = blank(masked, tokenSpans(masked, token, { list: specials, name }));
  }
  if (masked.includes('@')) {
    if (EMAIL_HINT.test(masked)) masked = blank(masked, find(masked, EMAIL, specials, 'email'));
    masked = blank(masked, find(masked, AT_WORD, specials, 'mention'));
  }
  return { masked, specials };
}

// Each token once (the first name reported for it wins).
function uniqueTokens(reported: readonly ReportedMention[]): ReportedMention[] {
  const byToken = new Map<string, ReportedMention>();
  for (const mention of reported) if (!byToken.has(mention.token)) byToken.set(mention.token, mention);
  return [...byToken.values()];
}

function longestFirst(a: ReportedMention, b: ReportedMention): number {
  return b.token.length - a.token.length;
}

/** Attendees in order of appearance, each person once (mention names and e-mails compared case-insensitively). */
export function uniqueAttendees(tokens: readonly Token[]): AttendeeRef[] {
  const seen = new Set<string>();
  const out: AttendeeRef[] = [];
  for (const tok of tokens) {
    if (tok.kind !== 'attendee') continue;
    if (tok.ref.kind === 'email' ? !tok.ref.email.includes('@') : tok.ref.name === '') continue;
    const key = tok.ref.kind === 'email' ? `e:${tok.ref.email.toLowerCase()}` : `m:${tok.ref.name.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tok.ref);
  }
  return out;
}
