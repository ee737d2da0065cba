// The queue's tunables, shared by both implementations, and their defaults.
import type { Logger } from '../../src/bot-api';
import type { JobName } from './queue';

/** How a queue retries, leases and polls. */
export interface QueueOptions {
  /** The lease: a try running longer is taken for dead and the job is tried again (default 15 s). */
  readonly expireInSeconds?: number;
  /** Tries after the first before a job is dead (default 3). */
  readonly retryLimit?: number;
  /** The pause before the first retry; with backoff each next one doubles (default 2 s). */
  readonly retryDelaySeconds?: number;
  /** Whether pauses grow between retries (default true). */
  readonly retryBackoff?: boolean;
  /** How often idle workers look for jobs (default 250 ms on SQLite, 500 ms, pg-boss's minimum, on PostgreSQL). */
  readonly pollIntervalMs?: number;
  /** pg-boss: how often expired leases are failed, by whichever instance's turn it is (default 5 s). */
  readonly maintenanceIntervalSeconds?: number;
  /** Where the queue reports its own failures (a lost database, a handler's error is the job's, not logged here). */
  readonly logger?: Logger;
}

/** The options with every default filled in. */
export type ResolvedQueueOptions = Required<Omit<QueueOptions, 'logger' | 'pollIntervalMs'>> & {
  readonly pollIntervalMs?: number;
  readonly logger?: Logger;
};

/** Fills in the defaults. */
export function resolveOptions(opts: QueueOptions): ResolvedQueueOptions {
  return {
    expireInSeconds: opts.expireInSeconds ?? 15,
    retryLimit: opts.retryLimit ?? 3,
    retryDelaySeconds: opts.retryDelaySeconds ?? 2,
    retryBackoff: opts.retryBackoff ?? true,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 5,
    ...(opts.pollIntervalMs !== undefined ? { pollIntervalMs: opts.pollIntervalMs } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  };
}

/** A failure as the text kept with the job. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return typeof err === 'string' ? err : JSON.stringify(err) ?? String(err);
}

/** A fresh per-queue record (stats' depth and age). */
export function perQueue<T>(names: readonly JobName[], value: T): Record<JobName, T> {
  return Object.fromEntries(names.map((n) => [n, value])) as Record<JobName, T>;
}
