// Updates cards this adapter posted, later and outside any turn (call started, meeting moved, …).
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger, Messenger, PostedCard } from '../../src/bot-api';
import type { JoinCard } from '../../src/types';
import { readRouting, toConversationReference } from './conversation';
import { describe, toBotError } from './errors';
import { cardActivity, textActivity } from './outbox';

/**
 * A Messenger over `continueConversationAsync` + `updateActivity` (PUT /v3/conversations/{id}/activities/{id}); `adapter`
 * is asked for at each update, so botbuilder loads with the first one.
 */
export function createTeamsMessenger(adapter: () => CloudAdapter, appId: string, logger: Logger): Messenger {
  return {
    async update(card: PostedCard, view: JoinCard): Promise<void> {
      const routing = readRouting(card.ref.conversation);
      if (!routing) {
        logger.debug({ meetingId: card.meetingId, platform: card.ref.conversation.platform }, 'not a Teams card; skipping');
        return;
      }
      const reference = toConversationReference(routing) as ConversationReference;
      try {
        await adapter().continueConversationAsync(appId, reference, async (ctx) => {
          await ctx.updateActivity(cardActivity(view, card.ref.messageId));
        });
      } catch (err) {
        logger.warn({ ...describe(err), meetingId: card.meetingId }, 'could not update a Teams card');
        throw toBotError(err);
      }
    },
    async postInThread(card: PostedCard, text: string): Promise<void> {
      const routing = readRouting(card.ref.conversation);
      if (!routing) return;
      // In a channel the reply chain is `…;messageid=<root>`; a card posted at the top starts its own chain.
      const inChannel = routing.conversationType === 'channel' && !/;messageid=/.test(routing.conversationId);
      const conversationId = inChannel ? `${routing.conversationId};messageid=${card.ref.messageId}` : routing.conversationId;
      const reference = toConversationReference({ ...routing, conversationId }) as ConversationReference;
      try {
        await adapter().continueConversationAsync(appId, reference, async (ctx) => {
          await ctx.sendActivity(textActivity(text));
        });
      } catch (err) {
        logger.warn({ ...describe(err), meetingId: card.meetingId }, 'could not post in a Teams card thread');
        throw toBotError(err);
      }
    },
  };
}
