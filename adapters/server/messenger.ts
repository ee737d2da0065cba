// One Messenger for the core: each posted card is updated by the adapter of the platform it was posted on.
import type { Platform } from '../../src/types';
import type { Logger, Messenger, PostedCard } from '../../src/bot-api';
import type { JoinCard } from '../../src/types';

/** Dispatches `update` by `card.ref.conversation.platform`; a platform that is not running is logged and skipped. */
export function compositeMessenger(byPlatform: Partial<Record<Platform, Messenger>>, logger: Logger): Messenger {
  return {
    async update(card: PostedCard, view: JoinCard): Promise<void> {
      const platform = card.ref.conversation.platform;
      const messenger = byPlatform[platform];
      if (!messenger) {
        logger.warn({ platform, meetingId: card.meetingId }, 'cannot update a card: its platform is not configured');
        return;
      }
      await messenger.update(card, view);
    },
    async postInThread(card: PostedCard, text: string): Promise<void> {
      const messenger = byPlatform[card.ref.conversation.platform];
      if (!messenger?.postInThread) {
        logger.warn({ platform: card.ref.conversation.platform, meetingId: card.meetingId }, 'cannot post in a card thread on this platform');
        return;
      }
      await messenger.postInThread(card, text);
    },
  };
}
