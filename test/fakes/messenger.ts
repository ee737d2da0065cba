// A messenger that remembers every card update, and can be told to fail for some messages.
import type { Messenger, PostedCard } from '../../src/meetings/ports';
import type { JoinCard } from '../../src/types';

/** One recorded update. */
export interface CardUpdate {
  readonly card: PostedCard;
  readonly view: JoinCard;
}

/** A Messenger that records updates. */
export class FakeMessenger implements Messenger {
  readonly updates: CardUpdate[] = [];
  /** Message ids whose update throws (the message was deleted, the token expired, …). */
  readonly failing = new Set<string>();

  /** Texts posted in card threads (call summaries), in order. */
  readonly threadPosts: Array<{ readonly card: PostedCard; readonly text: string }> = [];

  async postInThread(card: PostedCard, text: string): Promise<void> {
    this.threadPosts.push({ card, text });
  }

  async update(card: PostedCard, view: JoinCard): Promise<void> {
    if (this.failing.has(card.ref.messageId)) throw new Error(`message ${card.ref.messageId} cannot be updated`);
    this.updates.push({ card, view });
  }

  /** The updates of one posted message, oldest first. */
  updatesOf(messageId: string): JoinCard[] {
    return this.updates.filter((u) => u.card.ref.messageId === messageId).map((u) => u.view);
  }

  /** The latest view of one posted message. */
  latest(messageId: string): JoinCard | undefined {
    return this.updatesOf(messageId).at(-1);
  }
}
