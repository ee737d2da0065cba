// Record, then acknowledge: adapters hand each platform delivery here before they ack it. It is written once (the
// core's delivery key, in the store) together with the job that will finish it, in one transaction; a repeated
// delivery, on any instance, finds the record and queues nothing. The job runs on whichever instance takes it.
import { answeredKey, deliveryKey, type Logger, type Outbox } from '../../src/bot-api';
import type { ConversationRef, Delivery } from '../../src/types';
import { beforeSending } from '../outbox';
import { insertSeen } from '../store/statements';
import type { Transactions } from '../store/transact';
import type { JobData, JobQueue, JobRun } from './queue';

/** A platform delivery as the core keys it. */
export interface Accepted {
  readonly conversation: ConversationRef;
  readonly idempotencyKey: string;
  readonly receivedAt: Date;
}

/** One try of a delivery's work. */
export interface Attempt {
  /** For the core (`Invocation.delivery`); absent when nothing was recorded (the in-memory runner): the core dedupes then. */
  readonly delivery?: Delivery;
  /** When the platform delivered it: commands are read at that moment, and a late answer says sorry. */
  readonly receivedAt: Date;
  /** Aborted when this instance stops or the job's lease runs out: the job will be tried again. */
  readonly signal: AbortSignal;
}

/** The job was handed back before it answered (this instance is stopping, or its lease ran out): another try will. */
export class HandedBack extends Error {
  constructor() {
    super('the job was handed back before it answered');
    this.name = 'HandedBack';
  }
}

/** `outbox`, refusing to post once `signal` says the job was handed back: the try that takes it over answers instead. */
export function untilHandedBack(outbox: Outbox, signal: AbortSignal): Outbox {
  return beforeSending(outbox, () => {
    if (signal.aborted) throw new HandedBack();
  });
}

/** How a kind of work is finished. */
export type WorkHandler = (payload: unknown, attempt: Attempt) => Promise<void>;

/** Where adapters hand work that must survive a crash. */
export interface DurableWork {
  /** False for the in-memory runner: nothing is recorded, so the core must recognise repeats itself. */
  readonly durable: boolean;
  /**
   * Records the delivery and queues `kind` work with `payload` (plain JSON: everything needed to finish it). False
   * for a repeat. `defer`: the caller finishes it now, in the request; the job is the safety net, run only after
   * the lease time, and finds the answer already recorded unless this instance died first. Throws when the store
   * cannot be reached: the caller must not acknowledge as if it was taken.
   */
  accept(delivery: Accepted, kind: string, payload: JobData, opts?: { readonly defer?: boolean }): Promise<boolean>;
  /** Registers how `kind` work is finished (once per kind, before the workers start). */
  handle(kind: string, run: WorkHandler): void;
  /** Resolves when no work is queued or running (tests, benchmarks). */
  idle(): Promise<void>;
}

/** A job's data: which work, for which delivery, when it came. */
type CommandJob = {
  readonly kind: string;
  readonly key: string;
  readonly receivedAt: string;
  readonly deferred?: boolean;
  readonly payload: JobData;
};

function readJob(data: unknown): CommandJob | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (typeof d.kind !== 'string' || typeof d.key !== 'string' || typeof d.receivedAt !== 'string') return undefined;
  if (typeof d.payload !== 'object' || d.payload === null) return undefined;
  return { kind: d.kind, key: d.key, receivedAt: d.receivedAt, deferred: d.deferred === true, payload: d.payload as JobData };
}

/** What the queue-backed DurableWork needs. */
export interface DurableOptions {
  /** The store's transactions: a delivery's key and its job are written in one. */
  readonly transact: Transactions['transact'];
  /** The store's `hasSeenEvent`: whether the core recorded a delivery as answered. */
  readonly seen: (key: string) => Promise<boolean>;
  readonly queue: JobQueue;
  readonly logger: Logger;
  /** The queue's lease: a deferred delivery's safety net waits this long (a live request always finishes first), and a try outliving it checks whether another try answered. */
  readonly leaseMs: number;
  /** Told when a job starts, with how long it waited since the platform delivered it (metrics). */
  readonly onStart?: (kind: string, waitedMs: number, retryCount: number) => void;
}

/** DurableWork on the job queue, in the store's database. */
export function createDurableWork(opts: DurableOptions): DurableWork & { run(job: JobRun): Promise<void> } {
  const { transact, queue, logger } = opts;
  const handlers = new Map<string, WorkHandler>();
  let running = 0;
  // The core's own mark, read through the store: no core call, no platform call, for a job already answered.
  const answered = (key: string): Promise<boolean> => opts.seen(answeredKey(key));
  return {
    durable: true,
    async accept(delivery, kind, payload, options = {}) {
      const key = deliveryKey(delivery.conversation, delivery.idempotencyKey);
      const job: CommandJob = { kind, key, receivedAt: delivery.receivedAt.toISOString(), ...(options.defer ? { deferred: true } : {}), payload };
      const queued = await transact(async (tx): Promise<{ readonly id: string | null } | undefined> => {
        if (!(await insertSeen(tx, key, delivery.receivedAt.toISOString()))) return undefined;
        const startAfter = options.defer ? { startAfter: new Date(delivery.receivedAt.getTime() + opts.leaseMs) } : {};
        // No singleton key: the seen_events row above already lets exactly one delivery through, in this transaction.
        return { id: await queue.send('meetbot-command', job, startAfter, tx) };
      });
      // Woken with its id, the queue may start this very job here, now that it is committed.
      if (queued && !options.defer) queue.wake('meetbot-command', queued.id ?? undefined);
      return queued !== undefined;
    },
    handle(kind, run) {
      if (handlers.has(kind)) throw new Error(`work of kind ${kind} has a handler already`);
      handlers.set(kind, run);
    },
    async run(job) {
      const data = readJob(job.data);
      if (!data) {
        logger.error({ jobId: job.id }, 'a queued command is unreadable; dropping it');
        return;
      }
      const handler = handlers.get(data.kind);
      // Thrown, so the job is retried and then dead-lettered where `meetbot jobs` shows it: an instance without this platform configured.
      if (!handler) throw new Error(`no handler for queued work of kind ${data.kind}`);
      const receivedAt = new Date(data.receivedAt);
      // A deferred delivery's job runs only when its request may have died: treat it as a retry from the start.
      const retryCount = job.retryCount + (data.deferred ? 1 : 0);
      // A retry whose delivery an earlier try answered (it died before the job was marked done) has nothing left to do.
      if (retryCount > 0 && (await answered(data.key))) {
        logger.info({ jobId: job.id, kind: data.kind }, 'an earlier try answered this delivery; nothing to do');
        return;
      }
      opts.onStart?.(data.kind, Date.now() - receivedAt.getTime(), retryCount);
      running++;
      try {
        const leaseEndsAt = new Date(Date.now() + opts.leaseMs);
        await handler(data.payload, { delivery: { retryCount, leaseEndsAt }, receivedAt, signal: job.signal });
      } finally {
        running--;
      }
    },
    async idle() {
      for (;;) {
        const stats = await queue.stats();
        if (running === 0 && stats.depth['meetbot-command'] === 0 && stats.active === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

/** DurableWork without a queue (adapters built alone, in tests): runs each delivery at once, in memory; the core dedupes. */
export function inMemoryWork(logger: Logger): DurableWork {
  const handlers = new Map<string, WorkHandler>();
  const running = new Set<Promise<void>>();
  const never = new AbortController().signal;
  return {
    durable: false,
    async accept(delivery, kind, payload, options = {}) {
      // A deferred delivery is finished by the caller, in its request; with nothing recorded there is no safety net.
      if (options.defer) return true;
      const handler = handlers.get(kind);
      if (!handler) throw new Error(`no handler for work of kind ${kind}`);
      const work = Promise.resolve()
        .then(() => handler(payload, { receivedAt: delivery.receivedAt, signal: never }))
        .catch((err: unknown) => logger.error({ err, kind }, 'background work failed'))
        .finally(() => running.delete(work));
      running.add(work);
      return true;
    },
    handle(kind, run) {
      handlers.set(kind, run);
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
