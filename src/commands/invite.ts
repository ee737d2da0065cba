// `invite` / `пригласить`: send the meeting as a calendar invitation. One word among the leftovers (so never inside a
// quoted subject); lower-case anywhere, any case as the last word, since "Invite review" may well be a title.
import type { Token } from './tokens';

const WORDS = new Set(['invite', 'пригласить']);

/** True when the leftover words ask for an invitation; the word is taken out of `leftover` (it is no subject). */
export function takeInvite(tokens: readonly Token[], leftover: number[]): boolean {
  const words = leftover.filter((i) => tokens[i]?.kind === 'word');
  const last = words[words.length - 1];
  const at = words.find((i) => {
    const tok = tokens[i];
    if (tok?.kind !== 'word' || !WORDS.has(tok.core)) return false;
    return i === last || tok.raw.replace(/[.,;:!?]+$/, '') === tok.core;
  });
  if (at === undefined) return false;
  leftover.splice(leftover.indexOf(at), 1);
  return true;
}
