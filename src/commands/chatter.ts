// Chatter: "hello", "thanks!" said to the bot in a direct message or a mention. It is no request for a meeting, so the
// bot answers with help instead of creating one. A slash command is always a request (`/meet` alone means "now").
import type { Command } from './types';

/** Words that ask for a meeting even without a time or a person ("meet", "call", "созвон" …). */
const MEETING_WORDS = new Set([
  'now', 'meet', 'meeting', 'call', 'sync', 'huddle', 'standup', 'asap', 'immediately',
  'сейчас', 'созвон', 'созвониться', 'созвонимся', 'встреча', 'встречу', 'встретиться', 'звонок', 'позвонить', 'митинг', 'срочно',
]);
const WORD = /[\p{L}\p{N}'’-]+/gu;

/**
 * True when `command`, read from `text` said in a mention or a direct message, is chatter: an instant meeting with no
 * person, no length of its own and no meeting word anywhere in the text.
 */
export function isChatter(text: string, command: Command, defaultMinutes: number): boolean {
  if (command.kind !== 'meet' || !command.instant || command.attendees.length > 0) return false;
  if (command.end.getTime() - command.start.getTime() !== defaultMinutes * 60_000) return false;
  if (/^\s*\/meet(?=\s|$)/i.test(text)) return false;
  for (const word of text.toLowerCase().match(WORD) ?? []) if (MEETING_WORDS.has(word.replace(/ё/g, 'е'))) return false;
  return true;
}
