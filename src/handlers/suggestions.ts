// Replies that offer commands to run in one click: the clarifying question for an unclear phrase, and the short help
// for chatter with its "Start a meeting now" button.
import { errorMessage, t } from '../i18n';
import type { ErrorParams } from '../errors';
import type { Invocation, Locale, Reply, Suggestion } from '../types';

const MAX_LABEL = 70; // Slack's button text stops at 75 characters

function label(text: string): string {
  const words = text.replace(/^\/meet\s+/, '');
  return words.length > MAX_LABEL ? `${words.slice(0, MAX_LABEL - 1)}…` : words;
}

/** A command to offer, carrying the mentions of the original message that it still contains. */
export function suggestion(text: string, invocation: Invocation, words?: string): Suggestion {
  const mentions = invocation.mentions.filter((m) => m.token !== '' && text.includes(m.token));
  return { label: words ?? label(text), text, mentions };
}

/** "I read … but not …. Did you mean …?" with a button per reading that works. */
export function clarificationReply(params: ErrorParams, texts: readonly string[], invocation: Invocation, locale: Locale): Reply {
  return {
    kind: 'text',
    text: errorMessage(locale, 'unclear_phrase', params),
    visibility: 'ephemeral',
    suggestions: texts.map((text) => suggestion(text, invocation)),
  };
}

/** Help for a message that asks for nothing, with the one button most people want. */
export function chatterReply(invocation: Invocation, locale: Locale): Reply {
  return {
    kind: 'text',
    text: t(locale, 'chatter.help'),
    visibility: 'ephemeral',
    suggestions: [suggestion('/meet now', invocation, t(locale, 'chatter.start'))],
  };
}
