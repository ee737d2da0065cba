// The core's Background port on the job queue: each task is a job, tried now and then again after growing pauses
// (a summary waits minutes for its attendance report), so it survives restarts and runs on any instance.
import type { Background, BackgroundTask, Bot, Logger } from '../../src/bot-api';
import type { JobQueue, JobRun } from '../jobs/queue';
import { fromJson, toJson } from '../store/json';

/** Graph's attendance reports take minutes to appear: tries at once, then after these pauses (about half an hour in all). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [30_000, 60_000, 120_000, 240_000, 480_000, 900_000];

/** A Background whose tasks are `meetbot-summary` jobs; `run` is the queue's handler for them. */
export interface QueueBackground extends Background {
  run(job: JobRun, bot: Bot): Promise<void>;
}

/** Background work on `queue`, pausing `delaysMs` between tries. */
export function queueBackground(queue: JobQueue, logger: Logger, delaysMs: readonly number[] = DEFAULT_RETRY_DELAYS_MS): QueueBackground {
  const send = (task: string, tries: number, startAfter?: Date): Promise<unknown> =>
    queue.send('meetbot-summary', { task, tries }, startAfter ? { startAfter } : {}).then(() => {
      if (!startAfter) queue.wake('meetbot-summary');
    });
  return {
    schedule(task) {
      send(toJson(task), 0).catch((err: unknown) => logger.error({ err, task: task.kind }, 'could not queue background work; the summary sweep will find it'));
    },
    async run(job, bot) {
      const data = job.data as { task?: unknown; tries?: unknown };
      if (typeof data.task !== 'string' || typeof data.tries !== 'number') return logger.error({ jobId: job.id }, 'an unreadable background job; dropping it');
      const task = fromJson<BackgroundTask>(data.task);
      if (await bot.runTask(task)) return;
      const delay = delaysMs[data.tries];
      if (delay === undefined) return logger.warn({ task: task.kind, tries: data.tries + 1 }, 'background work gave up');
      await send(data.task, data.tries + 1, new Date(Date.now() + delay));
    },
  };
}
