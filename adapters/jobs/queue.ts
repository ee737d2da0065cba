// The job queue every piece of work after an ack runs on: pg-boss on PostgreSQL (several instances), a small
// table-backed queue in the SQLite file (one instance). Both give leases, retries with backoff and a dead-letter state.
import type { Transaction } from 'kysely';
import type { DB } from '../store/schema';

/** The queues meetbot uses; each has one handler per instance. */
export const JOB_NAMES = ['meetbot-command', 'meetbot-call-event', 'meetbot-subscribe', 'meetbot-summary'] as const;
/** One of meetbot's queues. */
export type JobName = (typeof JOB_NAMES)[number];

/** Whether `name` is one of meetbot's queues. */
export function isJobName(name: string): name is JobName {
  return (JOB_NAMES as readonly string[]).includes(name);
}

/** A job's payload: plain JSON, so any instance can run it after a restart. */
export type JobData = Readonly<Record<string, unknown>>;

/** One try of a job, as its handler sees it. */
export interface JobRun {
  readonly id: string;
  readonly name: JobName;
  readonly data: unknown;
  /** 0 on the first try; each retry (a failure, or a lease that ran out because its instance died) adds one. */
  readonly retryCount: number;
  readonly createdAt: Date;
  /** Aborted when the queue stops or the lease runs out: the try should end soon; the job will be tried again. */
  readonly signal: AbortSignal;
}

/** How one job is queued. */
export interface SendOptions {
  /** While a job with this key is queued or running, another send with it queues nothing (and returns null). */
  readonly singletonKey?: string;
  /** Not before this time (a retry later, a summary that waits for its report). */
  readonly startAfter?: Date;
  /** Tries after the first before the job is dead (default: the queue's). */
  readonly retryLimit?: number;
}

/** What a handler registration asks for. */
export interface WorkOptions {
  /** Jobs of this queue run at once on this instance. */
  readonly concurrency: number;
}

/** The queue's numbers for /metrics. */
export interface QueueStats {
  /** Jobs waiting to run (queued or waiting to retry), per queue. */
  readonly depth: Readonly<Record<JobName, number>>;
  /** Age in seconds of the oldest job waiting to run, per queue (0 when none waits). */
  readonly oldestAgeSeconds: Readonly<Record<JobName, number>>;
  /** Jobs running now, on any instance. */
  readonly active: number;
  /** Jobs that ran out of retries. */
  readonly dead: number;
}

/** A job as `meetbot jobs` lists it. */
export interface JobSummary {
  readonly id: string;
  readonly name: JobName;
  readonly state: 'queued' | 'retry' | 'active' | 'dead';
  readonly retryCount: number;
  readonly createdAt: Date;
  readonly startedAt?: Date;
  /** The last failure, as text. */
  readonly error?: string;
}

/** Things that happen to jobs, counted by /metrics. */
export type QueueEvent =
  | { readonly type: 'retried'; readonly name: JobName }
  | { readonly type: 'dead'; readonly name: JobName }
  | { readonly type: 'recovered'; readonly name: JobName };

/** The queue. */
export interface JobQueue {
  readonly kind: 'pg-boss' | 'sqlite';
  /** Creates what the queue needs (pg-boss's schema and queues, or the SQLite table) and starts its upkeep. */
  start(): Promise<void>;
  /**
   * Queues a job. Inside `tx` when given, so it is written, or not, with the caller's rows (record, then ack).
   * Returns the job id, or null when `singletonKey` is taken.
   */
  send(name: JobName, data: JobData, opts?: SendOptions, tx?: Transaction<DB>): Promise<string | null>;
  /**
   * Runs `handler` for each job of `name`. A throw (or a lease that runs out) retries the job with growing pauses
   * until its retry limit, then it is dead; a job whose instance died is retried by any instance within 30 seconds.
   */
  work(name: JobName, opts: WorkOptions, handler: (job: JobRun) => Promise<void>): Promise<void>;
  /**
   * Tells this instance's workers that a job of `name` is waiting, e.g. right after the transaction that queued it
   * committed, so it starts at once instead of at the next poll. `id`: that job, as `send` returned it; the SQLite
   * queue then starts it here without claiming it.
   */
  wake(name: JobName, id?: string): void;
  /** Takes no new jobs; waits up to `timeoutMs` for running ones, then hands the rest back for another try at once. */
  stop(timeoutMs: number): Promise<void>;
  /** Resolves when the queue can be reached (readiness). */
  ping(): Promise<void>;
  stats(): Promise<QueueStats>;
  /** Stuck jobs (running longer than their lease, or waiting longer than `olderThanSeconds`) or dead ones, newest first. */
  list(which: 'stuck' | 'dead', opts?: { readonly limit?: number; readonly olderThanSeconds?: number }): Promise<JobSummary[]>;
  /** Queues a dead or stuck job to run again now; false when no such job. */
  retry(id: string): Promise<boolean>;
  /** Hears retries, dead letters and recoveries (for /metrics). */
  onEvent(listener: (event: QueueEvent) => void): void;
}
