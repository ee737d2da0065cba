// The core's Outbox for one Slack trigger: cards in the conversation, refusals and errors only to the person who asked.
import type { ConversationRef, MessageRef, Reply } from '../../src/types';
import type { Logger, Outbox } from '../../src/bot-api';
import { CANNOT_POST, postToResponseUrl, slackErrorCode, type SlackCall } from './api';
import { toSlackMessage } from './blocks';
import { slackReplyText } from './mrkdwn';

/** Where replies to one trigger go. */
export interface ReplyTarget {
  readonly conversation: ConversationRef;
  /** The person who triggered it (ephemeral replies are theirs only). */
  readonly userId: string;
  /** The trigger's response_url, when it has one (slash commands, button clicks). */
  readonly responseUrl?: string;
  /** A direct message with the bot: "ephemeral" is a plain reply there. */
  readonly isDirect?: boolean;
}

function render(reply: Reply): { text: string; blocks?: Record<string, unknown>[] } {
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

  async function postInChannel(message: ReturnType<typeof render>): Promise<MessageRef | undefined> {
    try {
      const answer = await call('chat.postMessage', { channel, ...thread, ...message, unfurl_links: false, unfurl_media: false });
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
      await call('chat.postMessage', { channel, ...thread, ...message });
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

  return {
    async send(reply) {
      const message = render(reply);
      if (reply.visibility === 'channel') return postInChannel(message);
      await postPrivately(message);
      return undefined;
    },
  };
}
