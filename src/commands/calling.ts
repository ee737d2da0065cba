// `ring` / `позвонить`: the bot rings the attendees into the call; `watch` / `следить`: it joins silently to follow
// who is in. Like `invite`, one word among the leftovers (never inside a quoted subject): lower-case anywhere, any
// case as the last word.
import type { Token } from './tokens';

/** What the bot does in the meeting's call itself. */
export type CallMode = 'ring' | 'watch';

const WORDS = new Map<string, CallMode>([
  ['ring', 'ring'],
  ['позвонить', 'ring'],
  ['позвони', 'ring'],
  ['watch', 'watch'],
  ['следить', 'watch'],
]);

/** The call mode the leftover words ask for, its words taken out of `leftover` (they are no subject); ring wins over watch. */
export function takeCallMode(tokens: readonly Token[], leftover: number[]): CallMode | undefined {
  const words = leftover.filter((i) => tokens[i]?.kind === 'word');
  const last = words[words.length - 1];
  const found: CallMode[] = [];
  for (const i of words) {
    const tok = tokens[i];
    if (tok?.kind !== 'word') continue;
    const mode = WORDS.get(tok.core);
    if (!mode || (i !== last && tok.raw.replace(/[.,;:!?]+$/, '') !== tok.core)) continue;
    found.push(mode);
    leftover.splice(leftover.indexOf(i), 1);
  }
  if (found.includes('ring')) return 'ring';
  return found.length ? 'watch' : undefined;
}
