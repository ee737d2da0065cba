// Updates cards the adapter posted earlier (call started, roster changed, meeting moved), with chat.update.
import type { Logger, Messenger } from '../../src/bot-api';
import type { SlackCall } from './api';
import { toSlackMessage } from './blocks';
import { slackReplyText } from './mrkdwn';

/** A Messenger for Slack cards; cards of other platforms are not its business and are skipped. */
export function createSlackMessenger(call: SlackCall, logger: Logger): Messenger {
  return {
    async update(card, view) {
      const { conversation, messageId } = card.ref;
      if (conversation.platform !== 'slack') {
        logger.warn({ platform: conversation.platform }, 'slack messenger asked to update a non-Slack card');
        return;
      }
      await call('chat.update', { channel: conversation.id, ts: messageId, ...toSlackMessage(view) });
    },
    async postInThread(card, text) {
      const { conversation, messageId } = card.ref;
      if (conversation.platform !== 'slack') return;
      // A card posted inside a thread answers there; a top-level card starts its own.
      const thread = conversation.threadId ?? messageId;
      await call('chat.postMessage', { channel: conversation.id, thread_ts: thread, text: slackReplyText(text), unfurl_links: false, unfurl_media: false });
    },
  };
}
