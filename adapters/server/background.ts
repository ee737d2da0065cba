// The core's Background port: retries with growing pauses, bounded, each run tracked so shutdown can wait for it;
// stopping cuts the pauses short (a summary still waiting for its report is given up, and logged).
import type { Background, Logger } from '../../src/bot-api';
import type { Jobs } from './jobs';

/** Graph's attendance reports take minutes to appear: tries at once, then after these pauses (about half an hour in all). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [30_000, 60_000, 120_000, 240_000, 480_000, 900_000];

/** A Background that can be stopped. */
export interface StoppableBackground extends Background {
  /** Ends every pause now; runs in progress finish their current try and stop. */
  stop(): void;
}

/** Background work over `jobs`, pausing `delaysMs` between tries. */
export function createBackground(jobs: Jobs, logger: Logger, delaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS): StoppableBackground {
  const stopping = new AbortController();
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (stopping.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        resolve();
      }
      stopping.signal.addEventListener('abort', done);
    });
  return {
    retry(name, attempt) {
      const run = async (): Promise<void> => {
        for (let i = 0; ; i++) {
          if (await attempt().catch(() => false)) return;
          const delay = delaysMs[i];
          if (delay === undefined || stopping.signal.aborted) {
            logger.warn({ job: name, tries: i + 1, stopped: stopping.signal.aborted }, 'background work gave up');
            return;
          }
          await pause(delay);
          if (stopping.signal.aborted) {
            logger.warn({ job: name, tries: i + 1, stopped: true }, 'background work gave up');
            return;
          }
        }
      };
      jobs.track(name, run());
    },
    stop: () => stopping.abort(),
  };
}
