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

/** Finds attendees and the first quoted part; returns them as tokens plus the rest of the text, blanked where they were. */
export function extractSpecials(text: string, mentionTokens: readonly string[]): Extracted {
  let masked = text;
  const specials: Token[] = [];
  const mention = (token: string, start: number) =>
    specials.push({ kind: 'attendee', ref: { kind: 'mention', token, name: mentionName(token) }, start });
  const email = (address: string, start: number) => specials.push({ kind: 'attendee', ref: { kind: 'email', email: address }, start });
  // Runs one pattern over the text as it stands and blanks what it found.
  const take = (re: RegExp, found: (m: RegExpExecArray) => void) => {
    const spans: [number, number][] = [];
    for (const m of masked.matchAll(re)) {
      found(m);
      spans.push([m.index, m.index + m[0].length]);
    }
    masked = blank(masked, spans);
  };

  // Platform tokens first, longest first so `<@U1|bob>` wins over a shorter token inside it.
  const literal = [...new Set(mentionTokens)].filter((s) => s.trim() !== '').sort((a, b) => b.length - a.length);
  for (const token of literal) {
    const spans: [number, number][] = [];
    for (let at = masked.indexOf(token); at >= 0; at = masked.indexOf(token, at + token.length)) {
      mention(token, at);
      spans.push([at, at + token.length]);
    }
    masked = blank(masked, spans);
  }
  if (masked.includes('<')) {
    take(SLACK_MAILTO, (m) => email(m[1] ?? '', m.index));
    take(SLACK_USER, (m) => mention(m[0], m.index));
    take(TEAMS_AT, (m) => mention(m[0], m.index));
  }
  if (/["“«„]/.test(masked)) {
    for (const m of masked.matchAll(QUOTED)) {
      const inner = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').replace(/\s+/g, ' ').trim();
      if (inner === '') continue;
      specials.push({ kind: 'quote', text: inner, start: m.index });
      masked = blank(masked, [[m.index, m.index + m[0].length]]);
      break;
    }
  }
  if (masked.includes('@')) {
    take(EMAIL, (m) => email(m[0], m.index));
    take(AT_WORD, (m) => mention(m[0], m.index));
  }
  return { masked, specials };
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
