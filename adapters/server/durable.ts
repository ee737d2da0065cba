// The job queue of one server and what runs on it: the platforms' recorded deliveries, and each new meeting's
// call-event subscription (off the path to the card). Workers start once the server listens; stopping takes no
// new jobs, waits for running ones, and hands the rest back to another instance.
import type { Bot, CallEvent, Logger, Meeting, MeetingRecord } from '../../src/bot-api';
import type { JobsConfig } from '../config';
import { createDurableWork, type DurableWork } from '../jobs/durable';
import { openQueue, type JobQueue, type JobRun } from '../jobs/index';
import { registerQueueMetrics } from '../jobs/metrics';
import { fromJson, toJson } from '../store/json';
import type { Store } from '../store/index';
import type { Metrics } from './metrics';
import { SUBSCRIBING_AT_ONCE, type SubscriptionTarget } from '../graph/renewer';
import type { SubscribeCallEvents } from './subscribe';

/** The queue and the work on it. */
export interface ServerJobs {
  readonly queue: JobQueue;
  readonly work: DurableWork;
  /** Saves a new meeting's record together with the job that subscribes to its call events (the core's saveMeeting). */
  saveMeeting(record: MeetingRecord): Promise<void>;
  /** Records one delivery of call events as a job (before Graph hears its 202). */
  recordCallEvents(events: readonly CallEvent[]): Promise<void>;
  /** Runs jobs on this instance from now on; `summary` runs the core's background tasks. */
  startWorkers(handlers: { readonly summary: (job: JobRun) => Promise<void> }): Promise<void>;
  /** Takes no new jobs; waits up to `timeoutMs` for the running ones, then hands them back. */
  stop(timeoutMs: number): Promise<void>;
}

/** What the jobs need. */
export interface ServerJobsOptions {
  readonly store: Store;
  readonly config: JobsConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly subscribe: SubscribeCallEvents;
  /** Runs the call events (the bot is built after the queue: the adapters record into it). */
  readonly bot: () => Bot;
}

/** Opens and starts the queue on the store's database (its tables exist before the first request is recorded). */
export async function openServerJobs(opts: ServerJobsOptions): Promise<ServerJobs> {
  const { store, config, logger, metrics } = opts;
  // A killed instance's jobs come back within lease + upkeep (3 s) + the first retry's pause (1 s): about 20 s.
  const queue = openQueue(store, { expireInSeconds: config.leaseSeconds, maintenanceIntervalSeconds: 3, retryDelaySeconds: 1, logger });
  await queue.start();
  registerQueueMetrics(metrics.registry, queue);
  const work = createDurableWork({
    transact: store.transact,
    seen: (key) => store.hasSeenEvent(key),
    queue,
    logger,
    leaseMs: config.leaseSeconds * 1000,
    onStart: (kind, waitedMs, retryCount) => metrics.jobStartDelay.observe({ kind, retry: retryCount > 0 ? 'yes' : 'no' }, waitedMs / 1000),
  });
  let stopped = false;
  return {
    queue,
    work,
    async saveMeeting(record) {
      // In one transaction: a record is never left without its subscription job, nor a job without its record, whatever
      // crashes when. Only what the subscription needs goes in the job: it is written for every meeting.
      const { meeting } = record;
      const id = await store.saveMeetingWith(record, (tx) => queue.send('meetbot-subscribe', { joinUrl: meeting.joinUrl, end: meeting.end.toISOString() }, { singletonKey: meeting.id }, tx));
      if (id) queue.wake('meetbot-subscribe', id);
    },
    async recordCallEvents(events) {
      await queue.send('meetbot-call-event', { events: toJson(events) });
      queue.wake('meetbot-call-event');
    },
    async startWorkers(handlers) {
      if (stopped) return;
      await queue.work('meetbot-summary', { concurrency: 2 }, handlers.summary);
      await queue.work('meetbot-command', { concurrency: config.concurrency }, (job) => work.run(job));
      // As many as the renewer sends at once in its batches: in a burst, subscriptions gather while earlier ones are
      // on their way, so a burst of meetings costs a few Graph requests, not one each.
      await queue.work('meetbot-subscribe', { concurrency: SUBSCRIBING_AT_ONCE }, async (job) => {
        const target = subscriptionTarget(job.data);
        if (!target) return logger.error({ jobId: job.id }, 'an unreadable subscription job; dropping it');
        await opts.subscribe(target);
      });
      // The lifecycle tolerates events late, twice or out of order, so several instances may run them at once.
      await queue.work('meetbot-call-event', { concurrency: 8 }, async (job) => {
        const data = job.data as { events?: unknown };
        if (typeof data.events !== 'string') return logger.error({ jobId: job.id }, 'an unreadable call-event job; dropping it');
        for (const event of fromJson<CallEvent[]>(data.events)) await opts.bot().handleCallEvent(event);
      });
    },
    async stop(timeoutMs) {
      stopped = true;
      await queue.stop(timeoutMs);
    },
  };
}

/** A subscription job's target: `{ joinUrl, end }`, or the whole meeting as jobs queued before held it. */
function subscriptionTarget(data: unknown): SubscriptionTarget | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (typeof d.meeting === 'string') return fromJson<Meeting>(d.meeting);
  if (typeof d.joinUrl !== 'string' || typeof d.end !== 'string' || Number.isNaN(Date.parse(d.end))) return undefined;
  return { joinUrl: d.joinUrl, end: new Date(d.end) };
}
