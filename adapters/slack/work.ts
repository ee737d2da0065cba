// Background work after the ack: tracked (so shutdown and tests can wait for it) and guarded (it always ends in a word to the user).
import type { Locale } from '../../src/types';
import type { Logger, Outbox } from '../../src/meetings/ports';
import { errorMessage, t } from '../../src/i18n';

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
        .catch((error: unknown) => logger.error({ err: error instanceof Error ? error.message : String(error) }, 'slack background work failed'))
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
export async function guarded<T>(work: () => Promise<T>, ctx: { outbox: Outbox; locale: Locale; logger: Logger; patience: Patience }): Promise<T | undefined> {
  const { outbox, locale, logger, patience } = ctx;
  const tell = (code: 'internal' | 'graph_timeout') =>
    outbox.send({ kind: 'error', code, text: errorMessage(locale, code), visibility: 'ephemeral' }).catch((error: unknown) =>
      logger.error({ err: error instanceof Error ? error.message : String(error) }, 'could not tell the user about a failure'),
    );
  const slow = setTimeout(() => {
    void outbox.send({ kind: 'text', text: t(locale, 'slack.working'), visibility: 'ephemeral' }).catch(() => undefined);
  }, patience.slowMs);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), patience.deadlineMs);
  });
  try {
    const result = await Promise.race([work(), deadline]);
    if (result === 'timeout') {
      logger.warn({ deadlineMs: patience.deadlineMs }, 'core call did not finish in time');
      await tell('graph_timeout');
      return undefined;
    }
    return result;
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'core call threw');
    await tell('internal');
    return undefined;
  } finally {
    clearTimeout(slow);
    clearTimeout(timer);
  }
}
