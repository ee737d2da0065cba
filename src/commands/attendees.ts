// Mentions, e-mails and the quoted subject: found first so that nothing else misreads them.
//
// The rules, in order:
// 1. A quoted part ("…", “…”, «…», „…“) is literal. Mentions, e-mails, times and durations inside it are not read;
//    the first non-empty quoted part is the subject verbatim, later ones are ignored like any extra words. Quote marks
//    inside platform markup (`<at>Al "Bo" Lee</at>`, `<@U1|a"b>`) do not open or close a quoted part.
// 2. Outside quotes, the literal mention tokens the platform reported (ctx.mentionTokens) are mentions, whatever they
//    look like: a Slack broadcast (`<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^S1|@team>`) listed there reaches
//    the adapter as the mention it reported, and the adapter decides (it answers unsupported_mention).
// 3. Slack user mentions (`<@U123>`, `<@U123|bob>`), `<mailto:…>` links, Teams `<at>…</at>` tokens, e-mails and `@name`
//    are attendees. A Slack broadcast that the platform did NOT report is never a person: it stays subject text.
import type { AttendeeRef } from './types';
import type { Token } from './tokens';

/** What extraction found, and the text with those parts blanked (same length, so positions still line up). */
export interface Extracted {
  readonly masked: string;
  readonly specials: readonly Token[];
}

const SLACK_USER = /<@([A-Za-z0-9]+)(?:\|[^<>]*)?>/g;
const BROADCAST = /<![^<>]*>/g;
// Platform markup whose inner text may hold quote marks that are not the user's quotes.
const MARKUP = /<[@!#][^<>]*>|<mailto:[^<>]*>|<at>[^<]*<\/at>/gi;
const SLACK_MAILTO = /<mailto:([^|<>\s]+)(?:\|[^<>]*)?>/gi;
const TEAMS_AT = /<at>([^<]*)<\/at>/gi;
const QUOTED = /"([^"]*)"|“([^”"]*)[”"]|«([^»]*)»|„([^“”"]*)[“”"]/g;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;
const EMAIL_HINT = /[^\s@]@[^\s@]/;
const QUOTE_CHAR = /["“«„]/;
const AT_WORD = /(?<![\p{L}\p{N}._%+-])@([\p{L}\p{N}._-]*[\p{L}\p{N}_])/gu;

/** The name a mention token stands for: the id for Slack (`<@U123|bob>` → `U123`), the inner text for Teams. */
export function mentionName(token: string): string {
  const slack = /^<[@!](?:subteam\^)?([A-Za-z0-9]+)(?:\|[^<>]*)?>$/.exec(token);
  if (slack?.[1]) return slack[1];
  const teams = /^<at>([^<]*)<\/at>$/i.exec(token);
  if (teams) return teams[1]?.trim() ?? '';
  return token.replace(/^<?@?/, '').replace(/>$/, '').trim();
}

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

function mention(specials: Token[], token: string, start: number): void {
  specials.push({ kind: 'attendee', ref: { kind: 'mention', token, name: mentionName(token) }, start });
}

// Runs one pattern over `source`, records what it found, and returns where it found it.
function find(source: string, re: RegExp, specials: Token[], kind: 'mention' | 'email' | 'mailto'): [number, number][] {
  const spans: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    if (kind === 'mention') mention(specials, m[0], m.index);
    else specials.push({ kind: 'attendee', ref: { kind: 'email', email: kind === 'mailto' ? (m[1] ?? '') : m[0] }, start: m.index });
    spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

// Every occurrence of a literal mention token, recorded as a mention (when `specials` is given).
function tokenSpans(text: string, token: string, specials?: Token[]): [number, number][] {
  const spans: [number, number][] = [];
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) {
    if (specials) mention(specials, token, at);
    spans.push([at, at + token.length]);
  }
  return spans;
}

// Blanks every quoted part (rule 1) and records the first non-empty one as the subject. Quotes are looked for in a copy
// with platform markup blanked, so a quote mark inside a mention token cannot start or end a quoted part.
function takeQuotes(text: string, literal: readonly string[], specials: Token[]): string {
  let shielded = text.includes('<') ? text.replace(MARKUP, (m) => ' '.repeat(m.length)) : text;
  for (const token of literal) if (token.trim() !== '' && QUOTE_CHAR.test(token)) shielded = blank(shielded, tokenSpans(shielded, token));
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
export function extractSpecials(text: string, mentionTokens: readonly string[]): Extracted {
  const specials: Token[] = [];
  const literal = mentionTokens.length < 2 ? mentionTokens : [...new Set(mentionTokens)].sort(longestFirst);
  let masked = QUOTE_CHAR.test(text) ? takeQuotes(text, literal, specials) : text;
  // Platform tokens first, longest first so `<@U1|bob>` wins over a shorter token inside it.
  for (const token of literal) {
    if (token.trim() === '') continue;
    masked = blank(masked, tokenSpans(masked, token, specials));
  }
  if (masked.includes('<')) {
    masked = blank(masked, find(masked, SLACK_MAILTO, specials, 'mailto'));
    masked = blank(masked, find(masked, SLACK_USER, specials, 'mention'));
    masked = blank(masked, find(masked, TEAMS_AT, specials, 'mention'));
  }
  if (masked.includes('@')) {
    // an unreported broadcast is subject text (rule 3): the `@team` in `<!subteam^S1|@team>` is no one to invite
    let hidden = masked.includes('<!') ? masked.replace(BROADCAST, (m) => ' '.repeat(m.length)) : masked;
    if (EMAIL_HINT.test(hidden)) {
      const spans = find(hidden, EMAIL, specials, 'email');
      masked = blank(masked, spans);
      hidden = blank(hidden, spans);
    }
    masked = blank(masked, find(hidden, AT_WORD, specials, 'mention'));
  }
  return { masked, specials };
}

function longestFirst(a: string, b: string): number {
  return b.length - a.length;
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
