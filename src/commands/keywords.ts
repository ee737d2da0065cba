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

/** The command when the words are a command word (help, list, cancel …); undefined when they describe a meeting. */
export function keywordCommand(words: readonly string[]): Result<Command> | undefined {
  const first = words[0];
  if (first === undefined) return undefined;
  const head = stripPunct(first);
  if (words.length === 1 && HELP.has(head)) return ok({ kind: 'help' });
  if (words.length === 1 && LIST.has(head)) return ok({ kind: 'list' });
  if (CANCEL.has(head)) {
    const id = (words[1] ?? '').replace(/^#/, '').replace(/[,.;:!?)"'»”]+$/, '');
    return id === '' ? fail('missing_meeting_id') : ok({ kind: 'cancel', meeting: id });
  }
  const lone = words.length === 1 && /^[\p{L}-]+$/u.test(head);
  if (lone && (UNKNOWN_VERBS.has(head) || KNOWN.some((k) => swapped(head, k)))) return fail('unknown_command', { word: first });
  if (words.length === 2 && UNKNOWN_VERBS.has(head) && /\d/.test(words[1] ?? '') && !/[:@]/.test(words[1] ?? '')) {
    return fail('unknown_command', { word: first });
  }
  return undefined;
}
