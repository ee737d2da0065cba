// Slack message text -> the text the core parses: mentions kept as literal tokens, escapes undone, broadcasts set aside.
import { unescapeText } from './mrkdwn';

/** A user mention as typed, with the user id it points at. */
export interface MentionToken {
  readonly token: string;
  readonly userId: string;
}

/** What the core gets from a Slack message text. */
export interface SlackText {
  /** The text with the bot's own mention removed, Slack escapes undone, links reduced to their URL, e-mail links to the address. */
  readonly text: string;
  /** User mentions in order of appearance, each token once. */
  readonly mentions: readonly MentionToken[];
  /** `@channel`, `@here`, `@everyone` (left in `text` as those words) and user groups (taken out): never invited. */
  readonly broadcasts: readonly string[];
}

const TOKEN = /<([^<>]*)>/g;
const USER = /^@([UW][A-Z0-9]+)(?:\|[^>]*)?$/;

function broadcastName(inner: string): string {
  const [head, label] = inner.split('|', 2) as [string, string | undefined];
  if (label) return label.startsWith('@') ? label : `@${label}`;
  if (head.startsWith('!subteam^')) return '@group';
  return `@${head.slice(1).split('^')[0] ?? ''}`;
}

/** Parses Slack-formatted text; `botUserId`'s own mentions are stripped (they address the bot, they invite nobody). */
export function parseSlackText(raw: string, botUserId?: string): SlackText {
  const mentions: MentionToken[] = [];
  const broadcasts: string[] = [];
  let text = '';
  let last = 0;
  for (const match of raw.matchAll(TOKEN)) {
    text += unescapeText(raw.slice(last, match.index));
    last = match.index + match[0].length;
    const inner = match[1] ?? '';
    const user = USER.exec(inner);
    if (user?.[1]) {
      if (user[1] === botUserId) continue;
      if (!mentions.some((m) => m.token === match[0])) mentions.push({ token: match[0], userId: user[1] });
      text += match[0];
    } else if (inner.startsWith('!')) {
      const name = broadcastName(inner);
      broadcasts.push(name);
      // `@here` stays as the words typed (the core invites no broadcast, and a quoted one stays in the subject);
      // user groups are set aside, as their names could be mistaken for people.
      if (!inner.startsWith('!subteam^')) text += name;
    } else if (inner.startsWith('#')) {
      const [channelId, name] = inner.slice(1).split('|', 2);
      text += `#${name || channelId || ''}`;
    } else if (/^mailto:/i.test(inner)) {
      // An e-mail link: the core reads the bare address as an attendee.
      text += unescapeText(inner.slice('mailto:'.length).split('|', 1)[0] ?? '');
    } else {
      // A link Slack wrapped: keep the URL, drop the label.
      text += unescapeText(inner.split('|', 1)[0] ?? '');
    }
  }
  text += unescapeText(raw.slice(last));
  return { text: text.replace(/\s+/g, ' ').trim(), mentions, broadcasts };
}
