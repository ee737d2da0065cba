// Wrapping the core's Outbox port without losing what it can do beyond sending.
import type { Outbox } from '../src/bot-api';
import type { Reply } from '../src/types';

/**
 * `outbox` with `before` run ahead of every send (it may throw to refuse it). `findEarlier` is kept: without it a
 * retried job could not find what its killed try posted, and would post it again.
 */
export function beforeSending(outbox: Outbox, before: (reply: Reply) => void): Outbox {
  const { findEarlier } = outbox;
  return {
    // Async, so a refusal reaches callers as a rejection, like any failed send.
    async send(reply) {
      before(reply);
      return outbox.send(reply);
    },
    ...(findEarlier ? { findEarlier: (reply: Reply) => findEarlier.call(outbox, reply) } : {}),
  };
}
