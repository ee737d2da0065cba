// Outboxes for one turn: replies become Teams messages in the same conversation (and thread).
import type { Activity, TurnContext } from 'botbuilder';
import type { Outbox } from '../../src/bot-api';
import type { CardLink, ConversationRef, MessageRef, Reply } from '../../src/types';
import { toAdaptiveCard } from './card';
import { link, teamsMessageText } from './markup';
import { botbuilder } from './sdk';
import { suggestionActivity } from './suggestions';

/** A card message activity. */
export function cardActivity(reply: Extract<Reply, { kind: 'card' }>['card'], id?: string): Partial<Activity> {
  return {
    type: 'message',
    ...(id ? { id } : {}),
    summary: reply.title,
    attachments: [botbuilder().CardFactory.adaptiveCard(toAdaptiveCard(reply))],
  };
}

/**
 * A short text message. Teams has no ephemeral messages for bots: in personal chat a reply is private anyway,
 * in channels and group chats it goes to the same thread.
 */
export function textActivity(text: string, about?: CardLink): Partial<Activity> {
  const more = about?.card.conversation.platform === 'teams' ? `\n\n${link(about.label, messageLink(about.card))}` : '';
  return { type: 'message', textFormat: 'markdown', text: `${teamsMessageText(text)}${more}` };
}

/** Teams' deep link to a message (`/l/message/{conversation}/{message}`); a channel thread's suffix is not part of it. */
export function messageLink(card: MessageRef): string {
  const conversation = card.conversation.id.replace(/;messageid=\d+$/, '');
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(conversation)}/${encodeURIComponent(card.messageId)}`;
}

/** Posts every reply into the turn's conversation; returns the posted message so cards can be updated later. */
export function createTurnOutbox(ctx: TurnContext, conversation: ConversationRef): Outbox {
  return {
    async send(reply: Reply): Promise<MessageRef | undefined> {
      const offered = reply.kind === 'text' && reply.suggestions?.length ? suggestionActivity(reply.text, reply.suggestions) : undefined;
      const activity = offered ?? (reply.kind === 'card' ? cardActivity(reply.card) : textActivity(reply.text, reply.kind === 'text' ? reply.about : undefined));
      const sent = await ctx.sendActivity(activity);
      return sent?.id ? { conversation, messageId: sent.id } : undefined;
    },
  };
}

/**
 * For card-button invokes: text replies are held back to answer the invoke itself (Teams shows them next to the
 * card); cards are still posted as messages.
 */
export function createInvokeOutbox(ctx: TurnContext, conversation: ConversationRef): Outbox & { texts: string[] } {
  const posting = createTurnOutbox(ctx, conversation);
  const texts: string[] = [];
  return {
    texts,
    async send(reply: Reply): Promise<MessageRef | undefined> {
      if (reply.kind === 'card') return posting.send(reply);
      texts.push(reply.text);
      return undefined;
    },
  };
}
