// The playground's Outbox (replies to a command) and Messenger (updates of cards posted earlier).
import type { Messenger, Outbox } from '../../src/bot-api';
import type { JoinCard, MessageRef, Reply } from '../../src/types';
import type { Hub, RenderedCard } from './hub';
import { renderText } from './render';
import { conversationRef, type PlaygroundPerson } from './people';

/** Renders a join card for both platforms. */
export type RenderCard = (card: JoinCard) => RenderedCard;

/** Replies to `person`'s command in `conversation`; ephemeral replies are visible to that person only. */
export function playgroundOutbox(hub: Hub, conversation: string, person: PlaygroundPerson, render: RenderCard): Outbox {
  return {
    async send(reply: Reply): Promise<MessageRef> {
      const visibleTo = reply.visibility === 'ephemeral' ? { visibleTo: person.id } : {};
      const base = { conversation, author: { kind: 'bot' as const }, ...visibleTo };
      const message =
        reply.kind === 'card'
          ? hub.post({ ...base, card: render(reply.card) })
          : reply.kind === 'text'
            ? hub.post({ ...base, text: reply.text, rendered: renderText(reply.text) })
            : hub.post({ ...base, text: reply.text, rendered: renderText(reply.text), errorCode: reply.code });
      return { conversation: conversationRef(conversation), messageId: message.id };
    },
  };
}

/** Updates playground cards in place; subscribers see the new card at once. */
export function playgroundMessenger(hub: Hub, render: RenderCard): Messenger {
  return {
    async update(posted, view) {
      hub.updateCard(posted.ref.conversation.id, posted.ref.messageId, render(view));
    },
  };
}
