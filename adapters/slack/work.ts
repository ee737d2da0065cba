// Background work after the ack: tracked (so shutdown and tests can wait for it) and guarded (it always ends in a word to the user).
import type { Locale } from '../../src/types';
import { BotError, t, type Bot, type Logger, type Outbox } from '../../src/bot-api';

/** Work running after the ack. */
export interface Tasks {
  /** Starts `work` in the background; its failure is logged, never thrown. */
  run(work: () => Promise<unknown>): void;
  /** Resolves when every started piece of work has finished. */
  idle(): Promise<void>;
}

/** A task tracker. */
export function createTasks(logger: Logger): Tasks {
  const running = new Set<Promise<unknown>>();
  return {
    run(work) {
      const p = Promise.resolve()
        .then(work)
        .catch((err: unknown) => logger.error({ err }, 'slack background work failed'))
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

/**
 * Runs a core call so the user always hears back: a note when it is slow, a timeout explanation when it never
 * finishes, and the internal-error message when it throws (the core should not; a throw is a bug, logged once).
 */
export async function guarded<T>(
  work: () => Promise<T>,
  ctx: { outbox: Outbox; locale: Locale; bot: Bot; logger: Logger; patience: Patience },
): Promise<T | undefined> {
  const { outbox, locale, bot, logger, patience } = ctx;
  const tell = (error: unknown) =>
    outbox.send(bot.explain(error, locale, { where: 'slack' })).catch((err: unknown) => logger.error({ err }, 'could not tell the user about a failure'));
  const slow = setTimeout(() => {
    void outbox.send({ kind: 'text', text: t(locale, 'reply.working'), visibility: 'ephemeral' }).catch((err: unknown) => logger.warn({ err }, 'could not say the bot is still working'));
  }, patience.slowMs);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), patience.deadlineMs);
  });
  try {
    const result = await Promise.race([work(), deadline]);
    if (result === 'timeout') {
      logger.warn({ deadlineMs: patience.deadlineMs }, 'core call did not finish in time');
      await tell(new BotError('graph_timeout'));
      return undefined;
    }
    return result;
  } catch (error) {
    // The core answers its own failures; a throw is a bug, which explain logs once with the error.
    await tell(error);
    return undefined;
  } finally {
    clearTimeout(slow);
    clearTimeout(timer);
  }
}
