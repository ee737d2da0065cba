// Mentions, e-mails and the quoted subject: found first so that nothing else misreads them.
import type { AttendeeRef } from './types';
import type { Token } from './tokens';

/** What extraction found, and the text with those parts blanked (same length, so positions still line up). */
export interface Extracted {
  readonly masked: string;
  readonly specials: readonly Token[];
}

const SLACK_USER = /<[@!](?:subteam\^)?([A-Za-z0-9]+)(?:\|[^<>]*)?>/g;
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

// Runs one pattern over the text as it stands, records what it found, and returns the text with it blanked.
function take(masked: string, re: RegExp, specials: Token[], kind: 'mention' | 'email' | 'mailto'): string {
  const spans: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(masked); m !== null; m = re.exec(masked)) {
    if (kind === 'mention') mention(specials, m[0], m.index);
    else specials.push({ kind: 'attendee', ref: { kind: 'email', email: kind === 'mailto' ? (m[1] ?? '') : m[0] }, start: m.index });
    spans.push([m.index, m.index + m[0].length]);
  }
  return blank(masked, spans);
}

/** Finds attendees and the first quoted part; returns them as tokens plus the rest of the text, blanked where they were. */
export function extractSpecials(text: string, mentionTokens: readonly string[]): Extracted {
  let masked = text;
  const specials: Token[] = [];
  // Platform tokens first, longest first so `<@U1|bob>` wins over a shorter token inside it.
  const literal = mentionTokens.length < 2 ? mentionTokens : [...new Set(mentionTokens)].sort(longestFirst);
  for (const token of literal) {
    if (token.trim() === '') continue;
    const spans: [number, number][] = [];
    for (let at = masked.indexOf(token); at >= 0; at = masked.indexOf(token, at + token.length)) {
      mention(specials, token, at);
      spans.push([at, at + token.length]);
    }
    masked = blank(masked, spans);
  }
  if (masked.includes('<')) {
    masked = take(masked, SLACK_MAILTO, specials, 'mailto');
    masked = take(masked, SLACK_USER, specials, 'mention');
    masked = take(masked, TEAMS_AT, specials, 'mention');
  }
  if (QUOTE_CHAR.test(masked)) {
    QUOTED.lastIndex = 0;
    for (let m = QUOTED.exec(masked); m !== null; m = QUOTED.exec(masked)) {
      const inner = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').replace(/\s+/g, ' ').trim();
      if (inner === '') continue;
      specials.push({ kind: 'quote', text: inner, start: m.index });
      masked = blank(masked, [[m.index, m.index + m[0].length]]);
      break;
    }
  }
  if (masked.includes('@')) {
    if (EMAIL_HINT.test(masked)) masked = take(masked, EMAIL, specials, 'email');
    masked = take(masked, AT_WORD, specials, 'mention');
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
