// The playground's Outbox (replies to a command) and Messenger (updates of cards posted earlier).
import type { Messenger, Outbox } from '../../src/bot-api';
import type { JoinCard, MessageRef, Reply } from '../../src/types';
import type { Hub, PlaygroundMessage, RenderedCard } from './hub';
import { renderText } from './render';
import { conversationRef, type PlaygroundPerson } from './people';

/** Renders a join card for both platforms. */
export type RenderCard = (card: JoinCard) => RenderedCard;

/** The card a confirmation is about, when it is in this conversation (the page links to it). */
function aboutOf(reply: Extract<Reply, { kind: 'text' }>, conversation: string): Pick<PlaygroundMessage, 'about'> {
  const card = reply.about?.card;
  if (!card || card.conversation.platform !== 'local' || card.conversation.id !== conversation) return {};
  return { about: { messageId: card.messageId, label: reply.about?.label ?? '' } };
}

/** The commands a reply offers, as the page shows them. */
function offered(reply: Extract<Reply, { kind: 'text' }>): Pick<PlaygroundMessage, 'suggestions'> {
  return reply.suggestions?.length ? { suggestions: reply.suggestions.map(({ label, text }) => ({ label, text })) } : {};
}

/** Replies to `person`'s command in `conversation`; ephemeral replies are visible to that person only. */
export function playgroundOutbox(hub: Hub, conversation: string, person: PlaygroundPerson, render: RenderCard): Outbox {
  return {
    async send(reply: Reply): Promise<MessageRef> {
      const visibleTo = reply.visibility === 'ephemeral' ? { visibleTo: person.id } : {};
      const base = { conversation, author: { kind: 'bot' as const }, ...visibleTo };
      const message = await (reply.kind === 'card'
          ? hub.post({ ...base, card: render(reply.card) })
          : reply.kind === 'text'
            ? hub.post({ ...base, text: reply.text, rendered: renderText(reply.text), ...aboutOf(reply, conversation), ...offered(reply) })
            : hub.post({ ...base, text: reply.text, rendered: renderText(reply.text), errorCode: reply.code }));
      return { conversation: conversationRef(conversation), messageId: message.id };
    },
  };
}

/** Updates playground cards in place; subscribers see the new card at once. */
export function playgroundMessenger(hub: Hub, render: RenderCard): Messenger {
  return {
    async update(posted, view) {
      await hub.updateCard(posted.ref.conversation.id, posted.ref.messageId, render(view));
    },
    async postInThread(posted, text) {
      // The playground has no threads: the summary follows in the conversation, as Teams group chats show it.
      await hub.post({ conversation: posted.ref.conversation.id, author: { kind: 'bot' }, text, rendered: renderText(text) });
    },
  };
}
