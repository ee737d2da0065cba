// The job queue on pg-boss 10, for several instances on one PostgreSQL database: each job is leased to one
// instance (`expireInSeconds`); maintenance, run every few seconds by whichever instance's turn it is, fails a job
// whose lease ran out (its instance was killed), and any instance's next poll takes it again.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { DB } from '../store/schema';
import { errorText, perQueue, resolveOptions, type QueueOptions } from './options';
import { DEAD_LETTER, endedByExpiry, openEnvelope, pgBossSql, type Envelope, type ExecuteSql } from './pg-boss-sql';
import { JOB_NAMES, isJobName, type JobData, type JobName, type JobQueue, type JobRun, type QueueEvent, type SendOptions } from './queue';
import { runTracker, untilAborted } from './runs';

/** Where pg-boss keeps its tables: the store's database and its schema. */
export interface PgBossTarget {
  /** The store's Kysely instance: sends inside its transactions, and singleton checks, run on it. */
  readonly kysely: Kysely<DB>;
  readonly url: string;
  readonly schema: string;
}

type Handler = (job: JobRun) => Promise<void>;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** pg-boss's own SQL that ends a try (pg-boss 10 keeps it in src/plans.js; its workers send it without awaiting). */
const bossPlans = createRequire(__filename)('pg-boss/src/plans') as { completeJobs(schema: string): string; failJobsById(schema: string): string };

/** pg-boss's `db` on a Kysely transaction (or the store's Kysely), so a send commits or rolls back with it. */
function kyselyDb(db: Kysely<DB> | Transaction<DB>): { executeSql: ExecuteSql } {
  return {
    executeSql: async (text, values = []) => ({ rows: [...(await db.executeQuery(CompiledQuery.raw(text, values))).rows] }),
  };
}

/** The pg-boss queue; `start()` creates its schema and queues. */
export function pgBossQueue(target: PgBossTarget, options: QueueOptions = {}): JobQueue {
  if (!SCHEMA_NAME.test(target.schema)) throw new Error(`pg-boss schema name "${target.schema}" must be lower-case letters, digits and underscores`);
  const o = resolveOptions(options);
  const log = (err: unknown, msg: string) => o.logger?.error({ err: errorText(err) }, msg);
  // pg-boss's own pool, wrapped so that stop can wait for the queries pg-boss does not await before closing it.
  const pool = new pg.Pool({ connectionString: target.url, max: 4 });
  pool.on('error', (err) => log(err, 'job queue: a PostgreSQL connection failed'));
  // A connection cut while checked out (between a query's checkout and its dispatch) is not the pool's to hear.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const pending = new Set<Promise<unknown>>();
  const endOfTry = new Set([bossPlans.completeJobs(target.schema), bossPlans.failJobsById(target.schema)]);
  let closed = false;
  const exec: ExecuteSql = (text, values) => {
    // pg-boss does not await some writes; one after the pool closed is dropped (the lease brings its job back).
    if (closed) return Promise.resolve({ rows: [] });
    const p = pool.query(text, values).then((r) => ({ rows: r.rows as unknown[] }));
    pending.add(p);
    void p.catch(() => undefined).finally(() => pending.delete(p));
    if (!endOfTry.has(text)) return p;
    // Unawaited by pg-boss, a failed write here (the store went away) would be an unhandled rejection and end the
    // process. Its job stays active instead; the lease brings it back, and the next try finds its answer recorded.
    return p.catch((err: unknown) => {
      log(err, 'job queue: recording the end of a try failed; its lease brings the job back');
      return { rows: [{ count: '0' }] };
    });
  };
  const boss = new PgBoss({
    db: { executeSql: exec },
    schema: target.schema,
    supervise: true,
    schedule: false,
    maintenanceIntervalSeconds: o.maintenanceIntervalSeconds,
    // Dead jobs stay in the job table (listed, retried by `meetbot jobs`) for a week.
    archiveFailedAfterSeconds: 7 * 24 * 3600,
  });
  boss.on('error', (err) => log(err, 'job queue: pg-boss reported an error'));
  const q = pgBossSql(`"${target.schema}"`, exec);
  const pollers = new Map<JobName, { poll(): void; stop(): void }>();
  const runs = runTracker();
  const released = new Set<string>();
  const listeners: ((event: QueueEvent) => void)[] = [];
  let stopping = false;
  const emit = (event: QueueEvent) => {
    for (const listener of listeners) listener(event);
  };

  async function ensureQueue(name: string, withDeadLetter: boolean): Promise<void> {
    const settings: PgBoss.Queue = {
      name, policy: 'standard', retryLimit: o.retryLimit, retryDelay: o.retryDelaySeconds, retryBackoff: o.retryBackoff,
      expireInSeconds: o.expireInSeconds, ...(withDeadLetter ? { deadLetter: DEAD_LETTER } : {}),
    };
    if (!(await boss.getQueue(name))) {
      // Another instance starting at the same moment may create it first.
      await boss.createQueue(name, settings).catch(async (err: unknown) => {
        if (!(await boss.getQueue(name))) throw err;
      });
    }
    await boss.updateQueue(name, settings);
  }

  async function runTry(name: JobName, job: PgBoss.JobWithMetadata<unknown>, handler: Handler): Promise<void> {
    if (stopping) {
      // Fetched as this instance stopped: hand it straight back.
      await q.release([job.id], 'its instance stopped before it ran');
      return;
    }
    const envelope = openEnvelope(job.data);
    if (job.retryCount > 0 && endedByExpiry(job.output)) emit({ type: 'recovered', name });
    const controller = new AbortController();
    const lease = setTimeout(() => controller.abort(new Error('the try outlasted its lease')), job.expireInSeconds * 1000);
    const run: JobRun = { id: job.id, name, data: envelope ? envelope.data : job.data, retryCount: job.retryCount, createdAt: job.createdOn, signal: controller.signal };
    const done = Promise.race([handler(run), untilAborted(controller.signal)]);
    runs.add({ id: job.id, name, controller }, done);
    try {
      await done;
    } catch (err) {
      // Handed back by stop: already queued again, so the try ends quietly.
      if (released.delete(job.id)) return;
      emit({ type: job.retryCount < job.retryLimit ? 'retried' : 'dead', name });
      throw err;
    } finally {
      clearTimeout(lease);
    }
    released.delete(job.id);
  }

  return {
    kind: 'pg-boss',
    async start() {
      stopping = false;
      await boss.start();
      await ensureQueue(DEAD_LETTER, false);
      for (const name of JOB_NAMES) await ensureQueue(name, true);
    },
    async send(name: JobName, data: JobData, opts: SendOptions = {}, tx?: Transaction<DB>) {
      const id = randomUUID();
      const stored: Envelope = { meetbot: { queue: name, id }, data };
      const sendOn = async (db: Kysely<DB> | Transaction<DB>) => {
        const on = kyselyDb(db);
        if (opts.singletonKey !== undefined) {
          // One waiting or running job per key (pg-boss's policies cannot say that and still queue keyless jobs freely).
          await on.executeSql('SELECT pg_advisory_xact_lock(hashtext($1))', [`${target.schema}.${name}.${opts.singletonKey}`]);
          if (await pgBossSql(`"${target.schema}"`, on.executeSql).singletonTaken(name, opts.singletonKey)) return null;
        }
        return boss.send(name, stored, {
          id, db: on,
          ...(opts.singletonKey !== undefined ? { singletonKey: opts.singletonKey } : {}),
          ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
          ...(opts.retryLimit !== undefined ? { retryLimit: opts.retryLimit } : {}),
        });
      };
      if (tx) return sendOn(tx);
      return opts.singletonKey !== undefined ? target.kysely.transaction().execute(sendOn) : sendOn(target.kysely);
    },
    async work(name: JobName, opts, handler: Handler) {
      if (stopping) throw new Error('the job queue is stopping');
      // One poller per queue fetches as many jobs as there are free slots (pg-boss's own workers would poll once per
      // slot, dozens of idle queries a second), and ends each try itself: complete, or fail so it is retried.
      const slots = Math.max(1, opts.concurrency);
      let running = 0;
      let fetching = false;
      let again = false;
      const finish = async (job: PgBoss.JobWithMetadata<unknown>): Promise<void> => {
        try {
          await runTry(name, job, handler);
          await boss.complete(name, job.id);
        } catch (err) {
          await boss.fail(name, job.id, { message: errorText(err) }).catch((e: unknown) => log(e, 'job queue: recording a failed try failed; its lease brings the job back'));
        }
      };
      const poll = (): void => {
        if (stopping) return;
        if (fetching) {
          again = true;
          return;
        }
        fetching = true;
        void (async () => {
          try {
            do {
              again = false;
              const free = slots - running;
              if (free <= 0) break;
              const jobs = await boss.fetch<unknown>(name, { batchSize: free, includeMetadata: true });
              for (const job of jobs) {
                running++;
                void finish(job)
                  .catch((err: unknown) => log(err, 'job queue: a try ended badly'))
                  .finally(() => {
                    running--;
                    poll();
                  });
              }
              // A full batch means more may be waiting.
              if (jobs.length === free) again = true;
            } while (again && !stopping);
          } catch (err) {
            log(err, 'job queue: fetching jobs failed');
          } finally {
            fetching = false;
          }
        })();
      };
      const timer = setInterval(poll, o.pollIntervalMs ?? 500);
      timer.unref();
      pollers.set(name, { poll, stop: () => clearInterval(timer) });
      poll();
    },
    wake(name: JobName) {
      pollers.get(name)?.poll();
    },
    async stop(timeoutMs: number) {
      if (stopping) return;
      stopping = true;
      for (const poller of pollers.values()) poller.stop();
      pollers.clear();
      const left = await runs.drain(timeoutMs);
      if (left.length > 0) {
        for (const r of left) released.add(r.id);
        await q.release(left.map((r) => r.id), 'its instance stopped while it ran').catch((err: unknown) => log(err, 'job queue: handing jobs back failed'));
        for (const r of left) r.controller.abort(new Error('the queue stopped'));
        await runs.drain(1000);
      }
      // Lets pg-boss record the tries that just ended (it does not await that) before it fails what it still holds.
      await sleep(50);
      await boss.stop({ graceful: false, close: false });
      while (pending.size > 0) await Promise.allSettled([...pending]);
      closed = true;
      await pool.end();
    },
    async ping() {
      await exec('SELECT 1');
    },
    async stats() {
      const { rows, dead } = await q.counts();
      const depth = perQueue(JOB_NAMES, 0);
      const oldestAgeSeconds = perQueue(JOB_NAMES, 0);
      let active = 0;
      for (const r of rows) {
        if (!isJobName(r.name)) continue;
        if (r.state === 'active') active += r.n;
        else {
          depth[r.name] += r.n;
          oldestAgeSeconds[r.name] = Math.max(oldestAgeSeconds[r.name], r.age);
        }
      }
      return { depth, oldestAgeSeconds, active, dead };
    },
    async list(which, opts = {}) {
      const limit = opts.limit ?? 50;
      return which === 'dead' ? q.dead(limit) : q.stuck(limit, opts.olderThanSeconds ?? 300);
    },
    async retry(id: string) {
      const job = await q.find(id);
      if (!job) return false;
      if (job.name === DEAD_LETTER) {
        // A dead-letter copy whose original was archived: queue its data again on its own queue.
        const envelope = openEnvelope(job.data);
        if (!envelope) return false;
        const again = randomUUID();
        await boss.send(envelope.meetbot.queue, { meetbot: { queue: envelope.meetbot.queue, id: again }, data: envelope.data }, { id: again });
        await q.deleteJob(id);
        return true;
      }
      if (!isJobName(job.name)) return false;
      if (job.state === 'failed') {
        await boss.retry(job.name, id);
        await q.dueNow(id);
        await q.deleteDeadLetters(id);
      } else if (job.state === 'active' && job.expired) {
        await boss.fail(job.name, id, { message: 'job failed by timeout in active state' });
        await q.dueNow(id);
      } else if (job.state === 'created' || job.state === 'retry') {
        await q.dueNow(id);
      } else return false;
      return true;
    },
    onEvent(listener) {
      listeners.push(listener);
    },
  };
}
