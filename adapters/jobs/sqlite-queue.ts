// A small table-backed job queue in the SQLite file (table `jobs`), for ONE meetbot instance only: it claims jobs
// without cross-process locking, and at start it takes every job left running for its own, killed, predecessor's.
// Several instances run on PostgreSQL, with pg-boss (./pg-boss.ts).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, JobsTable } from '../store/schema';
import { errorText, perQueue, resolveOptions, type QueueOptions } from './options';
import { JOB_NAMES, isJobName, type JobData, type JobName, type JobQueue, type JobRun, type JobSummary, type QueueEvent, type SendOptions, type WorkOptions } from './queue';
import { runTracker, untilAborted } from './runs';

type Handler = (job: JobRun) => Promise<void>;
const LEASE_RAN_OUT = 'the try outlasted its lease';
const iso = (ms: number) => new Date(ms).toISOString();

/** The SQLite queue on the store's Kysely instance. */
export function sqliteQueue(db: Kysely<DB>, options: QueueOptions = {}): JobQueue {
  const o = resolveOptions(options);
  const pollMs = o.pollIntervalMs ?? 250;
  const workers = new Map<JobName, { readonly concurrency: number; readonly handler: Handler }>();
  const runs = runTracker();
  const released = new Set<string>();
  const listeners: ((event: QueueEvent) => void)[] = [];
  let started = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let again = false;

  const emit = (event: QueueEvent) => {
    for (const listener of listeners) listener(event);
  };
  const logError = (err: unknown, msg: string) => o.logger?.error({ err: errorText(err) }, msg);

  function schedule(ms: number): void {
    if (!started || stopping) return;
    clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
  }

  function tick(): Promise<void> {
    if (ticking) {
      again = true;
      return ticking;
    }
    ticking = (async () => {
      try {
        do {
          again = false;
          const due = await dueQueues();
          for (const [name, worker] of workers) if (due.has(name)) await claim(name, worker.concurrency, worker.handler);
        } while (again && !stopping);
      } catch (err) {
        logError(err, 'job queue: polling failed');
      } finally {
        ticking = undefined;
        schedule(pollMs);
      }
    })();
    return ticking;
  }

  // One read for every queue, so a tick claims (a transaction each) only in queues that have a job due: most ticks
  // follow a send or a finished job and find work in one queue at most.
  async function dueQueues(): Promise<Set<string>> {
    if (![...workers].some(([name, worker]) => runs.count(name) < worker.concurrency)) return new Set();
    const rows = await db.selectFrom('jobs').select('name').distinct().where('state', 'in', ['queued', 'retry']).where('start_after', '<=', iso(Date.now())).execute();
    return new Set(rows.map((r) => r.name));
  }

  async function claim(name: JobName, concurrency: number, handler: Handler): Promise<void> {
    const free = concurrency - runs.count(name);
    if (free <= 0 || stopping) return;
    const now = Date.now();
    const claimed = await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('jobs').selectAll().where('name', '=', name).where('state', 'in', ['queued', 'retry'])
        .where('start_after', '<=', iso(now)).orderBy('created_at').orderBy('id').limit(free).execute();
      for (const row of rows) {
        await trx.updateTable('jobs').where('id', '=', row.id)
          .set({ state: 'active', started_at: iso(now), lease_until: iso(now + o.expireInSeconds * 1000), retry_count: retryCountOf(row), expired: 0 })
          .execute();
      }
      return rows;
    });
    for (const row of claimed) {
      if (row.expired) emit({ type: 'recovered', name });
      run(name, handler, row, retryCountOf(row), iso(now));
    }
  }

  function run(name: JobName, handler: Handler, row: JobsTable, retryCount: number, startedAt: string): void {
    const controller = new AbortController();
    const lease = setTimeout(() => controller.abort(new Error(LEASE_RAN_OUT)), o.expireInSeconds * 1000);
    const job: JobRun = { id: row.id, name, data: JSON.parse(row.data) as unknown, retryCount, createdAt: new Date(row.created_at), signal: controller.signal };
    const mine = (q: ReturnType<typeof db.updateTable<'jobs'>>) => q.where('id', '=', row.id).where('state', '=', 'active').where('started_at', '=', startedAt);
    const done = (async () => {
      let failure: { readonly err: unknown } | undefined;
      try {
        await Promise.race([handler(job), untilAborted(controller.signal)]);
      } catch (err) {
        failure = { err };
      } finally {
        clearTimeout(lease);
      }
      if (released.delete(row.id)) return;
      if (!failure) {
        await db.deleteFrom('jobs').where('id', '=', row.id).where('state', '=', 'active').where('started_at', '=', startedAt).execute();
        return;
      }
      const retry = retryCount < row.retry_limit;
      const pause = o.retryDelaySeconds * (o.retryBackoff ? 2 ** retryCount : 1) * 1000;
      const expired = failure.err instanceof Error && failure.err.message === LEASE_RAN_OUT;
      const result = await mine(db.updateTable('jobs'))
        .set({ state: retry ? 'retry' : 'dead', start_after: retry ? iso(Date.now() + pause) : row.start_after, lease_until: null, error: errorText(failure.err), expired: expired ? 1 : 0 })
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) emit({ type: retry ? 'retried' : 'dead', name });
    })()
      .catch((err: unknown) => logError(err, 'job queue: recording a try failed'))
      .finally(() => schedule(0));
    runs.add({ id: row.id, name, controller }, done);
  }

  return {
    kind: 'sqlite',
    async start() {
      // Single instance: whatever is still marked running was this process's predecessor's, which was killed.
      await db.updateTable('jobs').where('state', '=', 'active')
        .set({ state: 'retry', start_after: iso(Date.now()), lease_until: null, expired: 1, error: 'its process ended while it ran' })
        .execute();
      started = true;
      stopping = false;
      schedule(0);
    },
    async send(name: JobName, data: JobData, opts: SendOptions = {}, tx?: Transaction<DB>) {
      const id = randomUUID();
      const now = Date.now();
      const result = await (tx ?? db).insertInto('jobs').values({
        id, name, data: JSON.stringify(data), state: 'queued', retry_count: 0, retry_limit: opts.retryLimit ?? o.retryLimit,
        singleton_key: opts.singletonKey ?? null, start_after: iso(opts.startAfter?.getTime() ?? now), started_at: null,
        lease_until: null, created_at: iso(now), error: null, expired: 0,
      }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n ? id : null;
    },
    async work(name: JobName, opts: WorkOptions, handler: Handler) {
      if (stopping) throw new Error('the job queue is stopping');
      workers.set(name, { concurrency: Math.max(1, opts.concurrency), handler });
      schedule(0);
    },
    wake() {
      schedule(0);
    },
    async stop(timeoutMs: number) {
      stopping = true;
      clearTimeout(timer);
      await ticking;
      const left = await runs.drain(timeoutMs);
      for (const r of left) {
        released.add(r.id);
        r.controller.abort(new Error('the queue stopped'));
      }
      if (left.length > 0) {
        await db.updateTable('jobs').where('id', 'in', left.map((r) => r.id)).where('state', '=', 'active')
          .set({ state: 'retry', start_after: iso(Date.now()), lease_until: null, error: 'its instance stopped while it ran' })
          .execute();
      }
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    async stats() {
      const now = iso(Date.now());
      const rows = await db.selectFrom('jobs').select((eb) => ['name', 'state', eb.fn.countAll<number>().as('n'), eb.fn.min('start_after').as('oldest')])
        .where('state', 'in', ['queued', 'retry', 'active', 'dead']).groupBy(['name', 'state']).execute();
      const due = await db.selectFrom('jobs').select((eb) => ['name', eb.fn.min('start_after').as('oldest')])
        .where('state', 'in', ['queued', 'retry']).where('start_after', '<=', now).groupBy('name').execute();
      const depth = perQueue(JOB_NAMES, 0);
      const oldestAgeSeconds = perQueue(JOB_NAMES, 0);
      let active = 0;
      let dead = 0;
      for (const r of rows) {
        const n = Number(r.n);
        if (r.state === 'active') active += n;
        else if (r.state === 'dead') dead += n;
        else if (isJobName(r.name)) depth[r.name] += n;
      }
      for (const r of due) {
        if (isJobName(r.name)) oldestAgeSeconds[r.name] = Math.max(0, (Date.parse(now) - Date.parse(r.oldest)) / 1000);
      }
      return { depth, oldestAgeSeconds, active, dead };
    },
    async list(which, opts = {}) {
      const now = Date.now();
      let q = db.selectFrom('jobs').selectAll();
      if (which === 'dead') q = q.where('state', '=', 'dead');
      else {
        const waitedSince = iso(now - (opts.olderThanSeconds ?? 300) * 1000);
        q = q.where((eb) => eb.or([
          eb.and([eb('state', '=', 'active'), eb('lease_until', '<', iso(now))]),
          eb.and([eb('state', 'in', ['queued', 'retry']), eb('start_after', '<=', waitedSince)]),
        ]));
      }
      const rows = await q.orderBy('created_at', 'desc').limit(opts.limit ?? 50).execute();
      return rows.flatMap((r) => (isJobName(r.name) ? [summary(r, r.name)] : []));
    },
    async retry(id: string) {
      const now = iso(Date.now());
      const dead = await db.updateTable('jobs').where('id', '=', id).where('state', '=', 'dead')
        .set({ state: 'retry', start_after: now, retry_limit: sql<number>`retry_limit + 1` }).executeTakeFirst();
      let moved = dead.numUpdatedRows > 0n;
      if (!moved) {
        const stuck = await db.updateTable('jobs').where('id', '=', id)
          .where((eb) => eb.or([eb('state', 'in', ['queued', 'retry']), eb.and([eb('state', '=', 'active'), eb('lease_until', '<', now)])]))
          .set({ state: sql<JobsTable['state']>`case when state = 'active' then 'retry' else state end`, start_after: now, lease_until: null, expired: sql<number>`case when state = 'active' then 1 else expired end` })
          .executeTakeFirst();
        moved = stuck.numUpdatedRows > 0n;
      }
      if (moved) schedule(0);
      return moved;
    },
    onEvent(listener) {
      listeners.push(listener);
    },
  };
}

/** Counts a try that follows an earlier one as a retry, as pg-boss does. */
function retryCountOf(row: JobsTable): number {
  return row.started_at === null ? row.retry_count : row.retry_count + 1;
}

function summary(r: JobsTable, name: JobName): JobSummary {
  return {
    id: r.id, name, state: r.state, retryCount: r.retry_count, createdAt: new Date(r.created_at),
    ...(r.started_at ? { startedAt: new Date(r.started_at) } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
}
