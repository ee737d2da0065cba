// Now and then, the summaries no call-ended notification brought: the bot looks at meetings that ended lately.
import type { Bot } from '../../src/bot-api';
import type { Jobs } from './jobs';

/** How often the sweep runs. */
export const SWEEP_EVERY_MS = 5 * 60_000;

/** A stoppable timer running `bot.sweepSummaries` every `everyMs`, each run tracked so shutdown can wait for it. */
export function startSummarySweep(bot: Bot, jobs: Jobs, everyMs = SWEEP_EVERY_MS): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running || !bot.sweepSummaries) return;
    running = true;
    jobs.track('summary-sweep', bot.sweepSummaries().finally(() => (running = false)));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
