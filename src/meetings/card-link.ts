// Which posted card a confirmation points at: the clicked one, or the meeting's card in the conversation typed in.
import { t } from '../i18n';
import type { CardLink, ConversationRef, Locale, MessageRef } from '../types';
import type { MeetingStore } from './ports';

/** A link to `card` labelled in `locale`. */
export function linkTo(card: MessageRef, locale: Locale): CardLink {
  return { card, label: t(locale, 'reply.openCard') };
}

/** The newest card of `meetingId` posted in `conversation`, as a link; undefined when none was posted there. */
export async function cardIn(store: MeetingStore, meetingId: string, conversation: ConversationRef, locale: Locale): Promise<CardLink | undefined> {
  const cards = await store.postedCards(meetingId);
  const here = cards.filter((c) => c.ref.conversation.platform === conversation.platform && c.ref.conversation.id === conversation.id);
  const newest = here[here.length - 1];
  return newest ? linkTo(newest.ref, locale) : undefined;
}
