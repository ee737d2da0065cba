// The command language: text → Command, or a coded error.
import { fail, ok } from '../errors';
import { extractSpecials, uniqueAttendees } from './attendees';
import { clarify } from './clarify';
import { doubtOf } from './doubt';
import { takeInvite } from './invite';
import { takeCallMode } from './calling';
import { keywordCommand } from './keywords';
import { place } from './resolve';
import { isScanError, scan } from './scan';
import { subjectOf } from './subject';
import { tokenize } from './tokens';
import type { ParseContext, ParseResult } from './types';
import { checkLimits, MAX_MINUTES } from './validate';
import { Zone } from './zone';

export type { Command, ParseContext, ParseResult, AttendeeRef } from './types';
export { commandToJson, type CommandJson } from './json';

const PREFIX = /^\s*(?:\/meet|meet)(?=\s|$)/i;

// Decomposed letters ("й" typed as "и" + combining breve) are composed so word lists match them.
const COMBINING = /[\u0300-\u036f]/;
const LEADING_WORDS = /^\s*(\S+)(?:\s+(\S+))?(\s+\S)?/;

// The first two words, and a third marker when there are more: all that command words need.
function leadingWords(body: string): string[] {
  const m = LEADING_WORDS.exec(body);
  if (!m?.[1]) return [];
  if (m[2] === undefined) return [m[1]];
  return m[3] === undefined ? [m[1], m[2]] : [m[1], m[2], '…'];
}

/** Removes a leading `/meet` or `meet`. */
function stripPrefix(text: string): string {
  return text.replace(PREFIX, '');
}

function parse(text: string, ctx: ParseContext, ask: boolean): ParseResult {
  const body = stripPrefix(COMBINING.test(text) ? text.normalize('NFC') : text);
  const keyword = keywordCommand(leadingWords(body), body);
  if (keyword) return keyword;

  const { masked, specials } = extractSpecials(body, ctx.mentions ?? []);
  const stream = tokenize(masked, specials);
  const parts = scan(stream, ctx.now, ctx.endOfDay);
  if (isScanError(parts)) return fail(parts.code, { phrase: parts.phrase });

  const zone = Zone.of(ctx.timeZone) ?? Zone.of('UTC');
  if (!zone) return fail('internal');
  const d = ctx.defaultDurationMinutes;
  const defaultMinutes = Number.isFinite(d) && d >= 1 && d <= MAX_MINUTES ? Math.round(d) : 30;
  const placed = place(parts, ctx.now, zone, defaultMinutes, ctx.locale);
  if (!placed.ok) return fail(placed.code, placed.params);

  const invite = takeInvite(stream.tokens, parts.leftover);
  const call = takeCallMode(stream.tokens, parts.leftover);
  const doubt = doubtOf(stream.tokens, parts.leftover);
  if (doubt) {
    if (!ask) return fail('unclear_phrase', { phrase: doubt.phrase });
    // a reply that shows every example working: each is parsed again, without asking back
    const works = (candidate: string) => parse(candidate, ctx, false).ok;
    const { params, suggestions } = clarify(body, stream.tokens, parts.leftover, doubt, placed, { ...ctx, zone, defaultMinutes }, works);
    return { ok: false, code: 'unclear_phrase', params, suggestions };
  }
  const subject = subjectOf(stream.tokens, parts.leftover);
  const attendees = uniqueAttendees(stream.tokens);
  const broken = checkLimits(placed.start, placed.end, subject, attendees.length);
  if (broken) return fail(broken.code, broken.params);
  const approximate = parts.time?.approximate === true;
  return ok({ kind: 'meet', instant: placed.instant, start: placed.start, end: placed.end, subject, attendees, ...(invite ? { invite } : {}), ...(call ? { call } : {}), ...(approximate ? { approximate } : {}) });
}

/**
 * Parses a chat command (English or Russian) into a Command, or a coded error with its message parameters. What the
 * person typed never makes it throw (the property tests hold it to that); a throw is a bug, left to the caller to log.
 */
export function parseCommand(text: string, ctx: ParseContext): ParseResult {
  if (typeof text !== 'string' || !(ctx.now instanceof Date) || Number.isNaN(ctx.now.getTime())) return fail('internal');
  return parse(text, ctx, true);
}
