// A small table-backed job queue in the SQLite file (table `jobs`), for ONE meetbot instance only: it claims jobs
// without cross-process locking, and at start it takes every job left running for its own, killed, predecessor's.
// Several instances run on PostgreSQL, with pg-boss (./pg-boss.ts).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, JobsTable } from '../store/schema';
import { transactionsOn, type Transactions } from '../store/transact';
import { errorText, perQueue, resolveOptions, type QueueOptions } from './options';
import { JOB_NAMES, isJobName, type JobData, type JobName, type JobQueue, type JobRun, type JobSummary, type QueueEvent, type SendOptions, type WorkOptions } from './queue';
import { runTracker, untilAborted } from './runs';

type Handler = (job: JobRun) => Promise<void>;
const LEASE_RAN_OUT = 'the try outlasted its lease';
const iso = (ms: number) => new Date(ms).toISOString();
// Written out, not as parameters, so SQLite sees the jobs_due index's own condition and walks that index.
const WAITING = sql<boolean>`state in ('queued', 'retry')`;

/** The SQLite queue on the store's Kysely instance; its finished jobs are deleted among the store's other writes. */
export function sqliteQueue(db: Kysely<DB>, options: QueueOptions = {}, transactions: Pick<Transactions, 'write'> = transactionsOn(db, 'sqlite')): JobQueue {
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
  // What the next tick claims in: every queue (a poll: one read finds which have a job due), or only the named ones
  // (a wake after a send, or a queue whose last claim filled every free slot and may have more waiting).
  let wanted: Set<JobName> | 'all' = new Set();
  const backlog = new Set<JobName>();
  // Queues in which this instance wrote a job as waiting since it last claimed there: a wake claims only in these.
  const waiting = new Set<JobName>();
  // Jobs written as taken inside a caller's transaction, started when the caller says it committed (wake with the
  // id). One whose wake never comes (rolled back, or a caller that forgot) is let go after a lease.
  const pending = new Map<string, { readonly name: JobName; readonly row: JobsTable; readonly at: number }>();
  const busy = (name: JobName): number => {
    let n = runs.count(name);
    for (const p of pending.values()) if (p.name === name) n++;
    return n;
  };

  const finished = groupedDelete(transactions);

  const emit = (event: QueueEvent) => {
    for (const listener of listeners) listener(event);
  };
  const logError = (err: unknown, msg: string) => o.logger?.error({ err: errorText(err) }, msg);

  // `all`: a poll (or a start), which looks in every queue; otherwise only the queues already wanted.
  function schedule(ms: number, all: boolean): void {
    if (!started || stopping) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (all) want('all');
      void tick();
    }, ms);
  }

  function want(names: 'all' | JobName): void {
    if (names === 'all') wanted = 'all';
    else if (wanted !== 'all') wanted.add(names);
  }

  function tick(): Promise<void> {
    if (ticking) return ticking;
    ticking = (async () => {
      try {
        while (!stopping && (wanted === 'all' || wanted.size > 0)) {
          const these = wanted;
          wanted = new Set();
          if (these === 'all') await letGoOfStalePending();
          const due = these === 'all' ? await dueQueues() : these;
          for (const [name, worker] of workers) if (due.has(name)) await claim(name, worker.concurrency, worker.handler);
        }
      } catch (err) {
        logError(err, 'job queue: polling failed');
      } finally {
        ticking = undefined;
        schedule(pollMs, true);
      }
    })();
    return ticking;
  }

  /** Claims in `name` at once (a send or a finished job), without waiting for the next poll. */
  function soon(name: JobName): void {
    want(name);
    if (!ticking) schedule(0, false);
  }

  // Rolled back, the row is not there; committed without a wake, it runs now as a retry would.
  async function letGoOfStalePending(): Promise<void> {
    const stale = [...pending].filter(([, p]) => Date.now() - p.at > o.expireInSeconds * 1000).map(([id]) => id);
    if (stale.length === 0) return;
    for (const id of stale) pending.delete(id);
    await handBack(stale, 'its transaction committed without waking the queue');
  }

  async function handBack(ids: string[], error: string): Promise<void> {
    await db.updateTable('jobs').where('id', 'in', ids).where('state', '=', 'active')
      .set({ state: 'retry', start_after: iso(Date.now()), lease_until: null, expired: 0, error })
      .execute();
  }

  // One read for every queue, so a poll claims only in queues that have a job due.
  async function dueQueues(): Promise<Set<string>> {
    if (![...workers].some(([name, worker]) => busy(name) < worker.concurrency)) return new Set();
    const rows = await db.selectFrom('jobs').select('name').distinct().where(WAITING).where('start_after', '<=', iso(Date.now())).execute();
    return new Set(rows.map((r) => r.name));
  }

  // One statement: this is the only instance, and its claims never overlap (one tick at a time), so the rows picked
  // by the inner select are still due when the update marks them. RETURNING hands back `expired` as it was (a
  // claim leaves it) and the retry count as the claim set it.
  async function claim(name: JobName, concurrency: number, handler: Handler): Promise<void> {
    const free = concurrency - busy(name);
    if (stopping) return;
    if (free <= 0) {
      // Every slot is taken: the next try to finish claims again.
      if (waiting.has(name)) backlog.add(name);
      return;
    }
    waiting.delete(name);
    const now = Date.now();
    const due = db.selectFrom('jobs').select('id').where('name', '=', name).where(WAITING)
      .where('start_after', '<=', iso(now)).orderBy('created_at').orderBy('id').limit(free);
    // A try that follows an earlier one counts as a retry, as pg-boss counts it.
    const claimed = await db.updateTable('jobs').where('id', 'in', due)
      .set({ state: 'active', started_at: iso(now), lease_until: iso(now + o.expireInSeconds * 1000), retry_count: sql<number>`case when started_at is null then retry_count else retry_count + 1 end` })
      .returningAll().execute();
    if (claimed.length === free) backlog.add(name);
    else backlog.delete(name);
    // RETURNING gives no order: start them in the order they were queued.
    claimed.sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? -1 : 1) : a.created_at < b.created_at ? -1 : 1));
    for (const row of claimed) start(name, handler, row, now);
  }

  function start(name: JobName, handler: Handler, row: JobsTable, now: number): void {
    if (row.expired) emit({ type: 'recovered', name });
    run(name, handler, row, row.retry_count, iso(now));
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
      if (!failure) return finished(row.id, startedAt);
      const retry = retryCount < row.retry_limit;
      const pause = o.retryDelaySeconds * (o.retryBackoff ? 2 ** retryCount : 1) * 1000;
      const expired = failure.err instanceof Error && failure.err.message === LEASE_RAN_OUT;
      const result = await mine(db.updateTable('jobs'))
        .set({ state: retry ? 'retry' : 'dead', start_after: retry ? iso(Date.now() + pause) : row.start_after, lease_until: null, error: errorText(failure.err), expired: expired ? 1 : 0 })
        .executeTakeFirst();
      if (result.numUpdatedRows > 0n) emit({ type: retry ? 'retried' : 'dead', name });
    })()
      .catch((err: unknown) => logError(err, 'job queue: recording a try failed'))
      .finally(() => {
        if (backlog.has(name)) soon(name);
      });
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
      schedule(0, true);
    },
    async send(name: JobName, data: JobData, opts: SendOptions = {}, tx?: Transaction<DB>) {
      const id = randomUUID();
      const now = Date.now();
      const startAfter = opts.startAfter?.getTime() ?? now;
      // With a free slot and nothing queued before it, a job is written as taken and started here, which spares the
      // claim: at once when sent alone (it is written when this resolves), or, in a transaction, when the caller's
      // wake says it committed.
      const worker = workers.get(name);
      const direct = worker !== undefined && started && !stopping && startAfter <= now && !backlog.has(name) && busy(name) < worker.concurrency;
      const row: JobsTable = {
        id, name, data: JSON.stringify(data), state: direct ? 'active' : 'queued', retry_count: 0, retry_limit: opts.retryLimit ?? o.retryLimit,
        singleton_key: opts.singletonKey ?? null, start_after: iso(startAfter), started_at: direct ? iso(now) : null,
        lease_until: direct ? iso(now + o.expireInSeconds * 1000) : null, created_at: iso(now), error: null, expired: 0,
      };
      // Written out: the builder would cost more than the insert (thirteen columns, once or twice per command).
      const result = await sql`insert into jobs (id, name, data, state, retry_count, retry_limit, singleton_key, start_after, started_at, lease_until, created_at, error, expired)
        values (${row.id}, ${row.name}, ${row.data}, ${row.state}, ${row.retry_count}, ${row.retry_limit}, ${row.singleton_key}, ${row.start_after}, ${row.started_at}, ${row.lease_until}, ${row.created_at}, ${row.error}, ${row.expired})
        on conflict do nothing`.execute(tx ?? db);
      if ((result.numAffectedRows ?? 0n) === 0n) return null;
      if (!direct) waiting.add(name);
      else if (tx) pending.set(id, { name, row, at: now });
      else {
        if (stopping) {
          // Stopped while the row was written: hand it back as the stop does with running tries.
          await db.updateTable('jobs').where('id', '=', id).set({ state: 'queued', started_at: null, lease_until: null }).execute();
        } else start(name, worker.handler, row, now);
      }
      return id;
    },
    async work(name: JobName, opts: WorkOptions, handler: Handler) {
      if (stopping) throw new Error('the job queue is stopping');
      workers.set(name, { concurrency: Math.max(1, opts.concurrency), handler });
      schedule(0, true);
    },
    wake(name, id) {
      const mine = id === undefined ? undefined : pending.get(id);
      if (id !== undefined && mine) {
        // After the waker's own continuation (a platform's acknowledgement waits on it), still counted as busy.
        setImmediate(() => {
          const worker = workers.get(name);
          // Stopping, it stays pending for the stop to hand back.
          if (!worker || stopping || !pending.delete(id)) return;
          start(name, worker.handler, mine.row, mine.at);
        });
        return;
      }
      // A job written as taken is running already; a job sent elsewhere (another process) waits for the next poll.
      if (waiting.has(name)) soon(name);
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
      const ids = [...left.map((r) => r.id), ...pending.keys()];
      pending.clear();
      if (ids.length > 0) await handBack(ids, 'its instance stopped while it ran');
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
      if (moved) schedule(0, true);
      return moved;
    },
    onEvent(listener) {
      listeners.push(listener);
    },
  };
}

/** Rows one grouped delete names at most (two parameters each; SQLite allows thousands). */
const DELETE_GROUP = 50;

/**
 * Deletes finished jobs, those of one turn of the event loop in one statement (in a burst, tries end together),
 * committed with the store's other writes of a turn. A row is deleted only while it is still this try's.
 */
function groupedDelete({ write }: Pick<Transactions, 'write'>): (id: string, startedAt: string) => Promise<void> {
  let group: { id: string; startedAt: string }[] | undefined;
  let deleted: Promise<void> = Promise.resolve();
  const deleteGroup = async (rows: readonly { id: string; startedAt: string }[]): Promise<void> => {
    for (let i = 0; i < rows.length; i += DELETE_GROUP) {
      const these = rows.slice(i, i + DELETE_GROUP).map((r) => sql`(id = ${r.id} and started_at = ${r.startedAt})`);
      await write((db) => sql`delete from jobs where state = 'active' and (${sql.join(these, sql` or `)})`.execute(db));
    }
  };
  return (id, startedAt) => {
    if (!group) {
      const rows: { id: string; startedAt: string }[] = [];
      group = rows;
      deleted = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        group = undefined;
        return deleteGroup(rows);
      });
    }
    group.push({ id, startedAt });
    return deleted;
  };
}

function summary(r: JobsTable, name: JobName): JobSummary {
  return {
    id: r.id, name, state: r.state, retryCount: r.retry_count, createdAt: new Date(r.created_at),
    ...(r.started_at ? { startedAt: new Date(r.started_at) } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
}
