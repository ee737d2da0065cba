// Turning what a person typed into what the core reads: whether meetbot was addressed, the text without the
// bot's own mention or slash command, and the `@name` mentions resolved against the local directory.
import type { Mention, Trigger } from '../../src/types';
import { userRefOf, type PlaygroundPerson } from './people';

/** A typed message, read as the bot would see it. */
export interface ReadMessage {
  /** True when meetbot should answer: `/meet …`, an `@meetbot` mention, or anything in the direct chat. */
  readonly addressed: boolean;
  readonly text: string;
  readonly mentions: Mention[];
  /** How meetbot was addressed: `/meet` is a command, `@meetbot` a mention, anything else in the direct chat direct. */
  readonly trigger: Trigger;
}

const SLASH = /^\/meet(?=\s|$)/i;
const BOT_MENTION = /(^|\s)@meetbot\b[,:]?/gi;
const MENTION = /(^|\s)@([\p{L}\p{N}_][\p{L}\p{N}_.-]*)/gu;
// Broadcasts are nobody: like Slack, the playground does not report them as mentions (the core invites none).
const BROADCASTS = new Set(['here', 'channel', 'everyone']);

/** Reads `typed` in a conversation; `direct` is the person's direct chat with meetbot. */
export function readMessage(typed: string, people: readonly PlaygroundPerson[], direct: boolean): ReadMessage {
  let text = typed.trim();
  let addressed = direct;
  let trigger: Trigger = 'direct';
  if (SLASH.test(text)) {
    text = text.replace(SLASH, '');
    addressed = true;
    trigger = 'command';
  }
  const withoutBot = text.replace(BOT_MENTION, '$1');
  if (withoutBot !== text) {
    text = withoutBot;
    addressed = true;
    if (trigger !== 'command') trigger = 'mention';
  }
  text = text.replace(/\s+/g, ' ').trim();
  const mentions: Mention[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const name = (match[2] ?? '').replace(/[.-]+$/, '');
    const token = `@${name}`;
    if (BROADCASTS.has(name.toLowerCase())) continue;
    if (seen.has(token.toLowerCase())) continue;
    seen.add(token.toLowerCase());
    const person = people.find((p) => p.id === name.toLowerCase());
    mentions.push({ token, user: person ? userRefOf(person) : { platform: 'local', id: name.toLowerCase() } });
  }
  return { addressed, text, mentions, trigger };
}
