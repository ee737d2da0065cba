// Work after the ack, guarded: it always ends in a word to the user, unless its job is handed back (shutdown, a lost
// lease), when the next try answers instead.
import type { Locale } from '../../src/types';
import { BotError, t, type Bot, type Logger, type Outbox } from '../../src/bot-api';
import { HandedBack } from '../jobs/durable';
import { beforeSending } from '../outbox';

/** Quick work right after an ack that needs no record (opening a modal): run without holding Slack's response. */
export interface AfterAck {
  /** Starts `work`; its failure is logged, never thrown. */
  run(work: () => Promise<unknown>): void;
  /** Resolves when every started piece has finished. */
  idle(): Promise<void>;
}

/** An AfterAck tracker (Slack hears its 200 only when the listener returns, so slow follow-ups must not be awaited there). */
export function createAfterAck(logger: Logger): AfterAck {
  const running = new Set<Promise<unknown>>();
  return {
    run(work) {
      const p = Promise.resolve()
        .then(work)
        .catch((err: unknown) => logger.error({ err }, 'slack follow-up after the ack failed'))
        .finally(() => running.delete(p));
      running.add(p);
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}

/** When to tell the user the bot is still working, and when to give up waiting. */
export interface Patience {
  readonly slowMs: number;
  readonly deadlineMs: number;
}

/** A late answer refused: the user was already told this call took too long. */
class GaveUp extends Error {
  constructor() {
    super('the call was given up on; its late answer is not sent');
    this.name = 'GaveUp';
  }
}

/**
 * Runs a core call so the user always hears back: a note when it is slow, a timeout explanation when it never
 * finishes, and the internal-error message when it throws (the core should not; a throw is a bug, logged once).
 * The call answers through the outbox it is given, which refuses to send once the timeout was explained: the user
 * hears one answer, not the explanation and then the late card.
 */
export async function guarded<T>(
  work: (outbox: Outbox) => Promise<T>,
  ctx: { outbox: Outbox; locale: Locale; bot: Bot; logger: Logger; patience: Patience; signal?: AbortSignal },
): Promise<T | undefined> {
  const { outbox, locale, bot, logger, patience, signal } = ctx;
  let gaveUp = false;
  const answering = beforeSending(outbox, () => {
    if (gaveUp) throw new GaveUp();
  });
  const tell = (error: unknown) =>
    outbox.send(bot.explain(error, locale, { where: 'slack' })).catch((err: unknown) => logger.error({ err }, 'could not tell the user about a failure'));
  const slow = setTimeout(() => {
    void outbox.send({ kind: 'text', text: t(locale, 'reply.working'), visibility: 'ephemeral' }).catch((err: unknown) => logger.warn({ err }, 'could not say the bot is still working'));
  }, patience.slowMs);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), patience.deadlineMs);
  });
  let onAbort: (() => void) | undefined;
  const handedBack = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new HandedBack());
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const result = await Promise.race([work(answering), deadline, handedBack]);
    if (result === 'timeout') {
      gaveUp = true;
      logger.warn({ deadlineMs: patience.deadlineMs }, 'core call did not finish in time');
      await tell(new BotError('graph_timeout'));
      return undefined;
    }
    return result;
  } catch (error) {
    if (error instanceof HandedBack) throw error;
    // The core answers its own failures; a throw is a bug, which explain logs once with the error.
    await tell(error);
    return undefined;
  } finally {
    clearTimeout(slow);
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}
