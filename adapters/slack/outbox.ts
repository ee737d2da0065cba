// The core's Outbox for one Slack trigger: cards in the conversation, refusals and errors only to the person who asked.
import { z } from 'zod';
import type { CardLink, ConversationRef, MessageRef, Reply } from '../../src/types';
import type { Logger, Outbox } from '../../src/bot-api';
import { CANNOT_POST, postToResponseUrl, slackErrorCode, type SlackCall } from './api';
import { toSlackMessage } from './blocks';
import { link, slackReplyText } from './mrkdwn';
import { suggestionMessage } from './suggestions';

/** Where replies to one trigger go. */
export interface ReplyTarget {
  readonly conversation: ConversationRef;
  /** The person who triggered it (ephemeral replies are theirs only). */
  readonly userId: string;
  /** The trigger's response_url, when it has one (slash commands, button clicks). */
  readonly responseUrl?: string;
  /** A direct message with the bot: "ephemeral" is a plain reply there. */
  readonly isDirect?: boolean;
  /** The recorded delivery being answered: its posts carry its key as metadata, so a retry can find them. */
  readonly delivery?: { readonly key: string; readonly since: Date };
}

/** The metadata event type of meetbot's replies. */
export const REPLY_EVENT_TYPE = 'meetbot_reply';

const historyAnswer = z.object({
  messages: z.array(z.object({ ts: z.string(), metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional() })).default([]),
});

const permalinkAnswer = z.object({ permalink: z.string() });

function render(reply: Reply): { text: string; blocks?: Record<string, unknown>[] } {
  if (reply.kind === 'text' && reply.suggestions?.length) return suggestionMessage(reply.text, reply.suggestions);
  return reply.kind === 'card' ? toSlackMessage(reply.card) : { text: slackReplyText(reply.text) };
}

/**
 * An Outbox for `target`. Channel replies use chat.postMessage, so the card has a `ts` the bot can update later;
 * when the bot is not in the channel they go through the response_url instead, and then return no MessageRef
 * (a response_url post has no `ts`: only that response_url, for 30 minutes, could still replace it).
 */
export function createOutbox(target: ReplyTarget, call: SlackCall, logger: Logger): Outbox {
  const { conversation, userId, responseUrl } = target;
  const channel = conversation.id;
  const thread = conversation.threadId ? { thread_ts: conversation.threadId } : {};

  const metadata = target.delivery ? { metadata: { event_type: REPLY_EVENT_TYPE, event_payload: { delivery: target.delivery.key } } } : {};

  async function postInChannel(message: ReturnType<typeof render>): Promise<MessageRef | undefined> {
    try {
      const answer = await call('chat.postMessage', { channel, ...thread, ...message, ...metadata, unfurl_links: false, unfurl_media: false });
      const ts = typeof answer === 'object' && answer !== null && 'ts' in answer && typeof answer.ts === 'string' ? answer.ts : undefined;
      return ts ? { conversation, messageId: ts } : undefined;
    } catch (error) {
      const code = slackErrorCode(error);
      if (!responseUrl || !code || !CANNOT_POST.has(code)) throw error;
      logger.info({ channel, code }, 'bot cannot post here; replying through response_url');
      await postToResponseUrl(responseUrl, { response_type: 'in_channel', replace_original: false, ...message });
      return undefined;
    }
  }

  async function postPrivately(message: ReturnType<typeof render>): Promise<void> {
    if (target.isDirect) {
      await call('chat.postMessage', { channel, ...thread, ...message, ...metadata });
      return;
    }
    if (responseUrl) {
      try {
        await postToResponseUrl(responseUrl, { response_type: 'ephemeral', replace_original: false, ...message });
        return;
      } catch (error) {
        logger.warn({ channel, err: error }, 'response_url failed; trying chat.postEphemeral');
      }
    }
    await call('chat.postEphemeral', { channel, user: userId, ...thread, ...message });
  }

  // A confirmation about a card in this channel ends with a link to it, so it is found however far up it is.
  async function withCardLink(reply: Reply, message: ReturnType<typeof render>): Promise<ReturnType<typeof render>> {
    const about: CardLink | undefined = reply.kind === 'text' ? reply.about : undefined;
    if (!about || about.card.conversation.platform !== 'slack' || about.card.conversation.id !== channel) return message;
    try {
      const answer = permalinkAnswer.parse(await call('chat.getPermalink', { channel, message_ts: about.card.messageId }));
      const more = link(answer.permalink, about.label);
      return more ? { ...message, text: `${message.text}\n${more}` } : message;
    } catch (error) {
      logger.debug({ channel, err: error }, 'no permalink for the card; confirming without a link');
      return message;
    }
  }

  return {
    async send(reply) {
      const message = await withCardLink(reply, render(reply));
      if (reply.visibility === 'channel') return postInChannel(message);
      await postPrivately(message);
      return undefined;
    },
    async findEarlier(reply) {
      // Ephemeral replies and response_url posts leave nothing to find; channel and DM posts carry the metadata.
      const delivery = target.delivery;
      if (!delivery || (reply.visibility !== 'channel' && !target.isDirect)) return undefined;
      const oldest = (delivery.since.getTime() / 1000 - 1).toFixed(6);
      const args = { channel, oldest, inclusive: true, include_all_metadata: true, limit: 200 };
      const answer = historyAnswer.parse(conversation.threadId ? await call('conversations.replies', { ...args, ts: conversation.threadId }) : await call('conversations.history', args));
      const mine = answer.messages.find((m) => m.metadata?.event_type === REPLY_EVENT_TYPE && m.metadata.event_payload?.delivery === delivery.key);
      return mine ? { conversation, messageId: mine.ts } : undefined;
    },
  };
}
