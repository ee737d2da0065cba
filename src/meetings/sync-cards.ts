// After a meeting changes, every card posted for it shows the change, each in its own language and zone.
import { buildJoinCard, type CardReader } from '../cards';
import type { JoinCard, MessageRef } from '../types';
import type { Logger, MeetingRecord, MeetingStore, Messenger, PostedCard } from './ports';

/** True when both refs name the same posted message. */
function sameMessage(a: MessageRef, b: MessageRef | undefined): boolean {
  return (
    b !== undefined &&
    a.messageId === b.messageId &&
    a.conversation.id === b.conversation.id &&
    a.conversation.platform === b.conversation.platform
  );
}

/** The reader a posted card was rendered for. */
function readerOf(card: PostedCard): CardReader {
  return { locale: card.locale, timeZone: card.timeZone, platform: card.ref.conversation.platform };
}

/**
 * A function that updates every posted card of a meeting except `except`. Failures are logged and
 * swallowed: the meeting already changed, so a stale card must not turn the change into an error.
 */
export function createCardSync(deps: { store: MeetingStore; messenger: Messenger; logger: Logger }) {
  const { store, messenger, logger } = deps;
  return async function syncCards(record: MeetingRecord, except?: MessageRef): Promise<void> {
    const meetingId = record.meeting.id;
    let cards: PostedCard[];
    try {
      cards = await store.postedCards(meetingId);
    } catch (err) {
      logger.warn({ err, meetingId }, 'could not read the posted cards of a meeting');
      return;
    }
    const targets = cards.filter((card) => !sameMessage(card.ref, except));
    await Promise.all(
      targets.map(async (card) => {
        try {
          await messenger.update(card, buildJoinCard(record, readerOf(card)));
        } catch (err) {
          logger.warn({ err, meetingId, messageId: card.ref.messageId }, 'could not update a posted card');
        }
      }),
    );
  };
}

/** The new view of the clicked card: in the language and zone it was posted in, else the actor's. */
export async function sourceView(
  store: MeetingStore,
  record: MeetingRecord,
  source: MessageRef,
  fallback: CardReader,
): Promise<JoinCard> {
  const cards = await store.postedCards(record.meeting.id);
  const posted = cards.find((card) => sameMessage(card.ref, source));
  return buildJoinCard(record, posted ? readerOf(posted) : { ...fallback, platform: source.conversation.platform });
}
