// Command words: help, list, cancel <id> (and their Russian forms); and which lone words are commands we do not know.
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import type { Command } from './types';

const HELP = new Set(['help', '?', '-h', '--help', 'помощь', 'справка', 'помоги', 'хелп']);
const LIST = new Set(['list', 'ls', '--list', 'список', 'встречи']);
const CANCEL = new Set(['cancel', 'отмена', 'отменить', 'отмени']);
/** Verbs people try that the bot does not have: alone, or before an id, they get usage help instead of a meeting. */
const UNKNOWN_VERBS = new Set([
  'remove', 'delete', 'del', 'rm', 'edit', 'update', 'change', 'show', 'start', 'stop', 'end', 'add', 'reschedule', 'move',
  'join', 'status', 'info', 'settings', 'config', 'version', 'details', 'leave', 'rename',
  'удалить', 'удали', 'изменить', 'измени', 'перенести', 'перенеси', 'показать', 'покажи', 'статус', 'настройки',
]);
const KNOWN = ['help', 'list', 'cancel', 'помощь', 'список', 'отмена'];
/** Words people put between "cancel" and the id ("cancel meeting 42", "отмени встречу № 42"). */
const ID_LEAD = new Set(['meeting', 'the', 'my', 'id', 'встречу', 'встреча', 'номер', '№', 'no', 'no.']);
// The ids the bot shows: the Teams meeting ID (digits) on cards and in `/meet list`, or Graph's long base64 id.
const ID_CHARS = /^[A-Za-z0-9+/=_-]+$/;
const DIGIT_GROUP = /^\d{1,6}$/;
/** A Teams meeting ID has at least this many digits; a shorter run of digit groups is read as its first group. */
const MIN_CODE_DIGITS = 9;
const QUOTE_START = /^["“«„]/;

function stripPunct(word: string): string {
  return word.replace(/^[(["'«“]+|[,.;:!)\]"'»”]+$/g, '').toLowerCase();
}

// "hlep", "lsit", "cancle": one pair of neighbouring letters swapped.
function swapped(word: string, known: string): boolean {
  if (word.length !== known.length || word === known) return false;
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== known[i]) {
      return word[i] === known[i + 1] && word[i + 1] === known[i] && word.slice(i + 2) === known.slice(i + 2);
    }
  }
  return false;
}

function cleanId(word: string): string {
  return word.replace(/^[(#"'«“„]+/, '').replace(/[,.;:!?)"'»”]+$/, '');
}

// Words that look like an id the bot shows: a digit somewhere, or a long base64-like run.
function looksLikeMeetingId(word: string): boolean {
  return ID_CHARS.test(word) && (/\d/.test(word) || word.length >= 16);
}

/**
 * `cancel <id>`. The id is the first word after "cancel" (skipping "meeting", "the", "встречу", "№" …) when it looks like
 * an id the bot shows (looksLikeMeetingId); digit groups as Teams prints them ("123 456 789 012", "12 34 56") are joined.
 * A single other word is still taken as the id (the lookup then says no such meeting), but several words without an
 * id ("cancel culture debate") give missing_meeting_id: guessing would cancel a meeting called "culture", and making
 * a meeting instead would surprise someone who meant to cancel. A subject that starts with "cancel" is quoted.
 */
function cancelCommand(body: string): Result<Command> {
  const rest = body.trim().split(/\s+/).slice(1).map(cleanId).filter((w) => w !== '');
  let k = 0;
  while (k < rest.length && ID_LEAD.has((rest[k] ?? '').toLowerCase())) k++;
  const first = rest[k];
  if (first === undefined) return fail('missing_meeting_id');
  if (DIGIT_GROUP.test(first)) {
    let joined = first;
    let even = true;
    for (let g = k + 1; g < rest.length && DIGIT_GROUP.test(rest[g] ?? ''); g++) {
      joined += rest[g] ?? '';
      even &&= (rest[g] ?? '').length === first.length;
    }
    // "12 34 56" is one id typed in groups; "42 3" is an id and a stray number
    const grouped = joined.length >= MIN_CODE_DIGITS || (even && first.length >= 2 && joined.length > first.length);
    return ok({ kind: 'cancel', meeting: grouped ? joined : first });
  }
  if (looksLikeMeetingId(first) || rest.length === 1) return ok({ kind: 'cancel', meeting: first });
  return fail('missing_meeting_id');
}

/**
 * The command when the text is a command word (help, list, cancel …); undefined when it describes a meeting.
 * `words` are the first words of `body` (see index.ts); a quoted first word is a subject, never a command word.
 */
export function keywordCommand(words: readonly string[], body: string): Result<Command> | undefined {
  const first = words[0];
  if (first === undefined || QUOTE_START.test(first)) return undefined;
  const head = stripPunct(first);
  if (words.length === 1 && HELP.has(head)) return ok({ kind: 'help' });
  if (words.length === 1 && LIST.has(head)) return ok({ kind: 'list' });
  // `list 2`: the next page of a long list (the list's last line says so).
  if (words.length === 2 && LIST.has(head) && /^[1-9]\d{0,2}$/.test(words[1] ?? '')) return ok({ kind: 'list', page: Number(words[1]) });
  if (CANCEL.has(head)) return cancelCommand(body);
  const lone = words.length === 1 && /^[\p{L}-]+$/u.test(head);
  if (lone && (UNKNOWN_VERBS.has(head) || KNOWN.some((k) => swapped(head, k)))) return fail('unknown_command', { word: first });
  if (words.length === 2 && UNKNOWN_VERBS.has(head) && /\d/.test(words[1] ?? '') && !/[:@]/.test(words[1] ?? '')) {
    return fail('unknown_command', { word: first });
  }
  return undefined;
}
