// An outbox that keeps the replies and, like a platform, names each posted message.
import type { Outbox } from '../../src/meetings/ports';
import type { ConversationRef, MessageRef, Reply } from '../../src/types';

let counter = 0;

/** An Outbox that records replies and answers with a fresh MessageRef. */
export class FakeOutbox implements Outbox {
  readonly sent: Reply[] = [];
  readonly refs: MessageRef[] = [];
  /** When set, `send` throws it (the platform is down). */
  failWith: unknown;

  constructor(readonly conversation: ConversationRef = { platform: 'local', id: 'general' }) {}

  async send(reply: Reply): Promise<MessageRef | undefined> {
    if (this.failWith !== undefined) throw this.failWith;
    this.sent.push(reply);
    // Ephemeral messages cannot be updated later on most platforms, so they get no ref.
    if (reply.visibility === 'ephemeral') return undefined;
    counter += 1;
    const ref: MessageRef = { conversation: this.conversation, messageId: `msg-${counter}` };
    this.refs.push(ref);
    return ref;
  }

  /** The only reply; throws when there was not exactly one. */
  only(): Reply {
    if (this.sent.length !== 1) throw new Error(`expected exactly one reply, got ${this.sent.length}`);
    return this.sent[0] as Reply;
  }
}
