// The SQL pg-boss has no call for: stats, stuck and dead jobs, singleton checks, handing jobs back. Rows are parsed here.
import { z } from 'zod';
import { JOB_NAMES, isJobName, type JobName, type JobSummary } from './queue';

/** pg-boss's dead-letter queue: a job out of retries is copied there (with its origin in the data) as well. */
export const DEAD_LETTER = 'meetbot-dead';

/** What pg-boss writes as the output of a try whose lease ran out, in maintenance or in the handler's instance. */
const EXPIRED = /job failed by timeout in active state|handler execution exceeded|outlasted its lease/;

/** Runs SQL with positional values (pg-boss's `db` shape). */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

/** A payload as pg-boss stores it: the caller's data and where the job came from, which dead-letter copies keep. */
export interface Envelope {
  readonly meetbot: { readonly queue: JobName; readonly id: string };
  readonly data: unknown;
}

const envelope = z.object({ meetbot: z.object({ queue: z.string(), id: z.string() }), data: z.unknown() });

/** The caller's data and origin from a stored payload, or undefined when it is not meetbot's. */
export function openEnvelope(stored: unknown): Envelope | undefined {
  const parsed = envelope.safeParse(stored);
  if (!parsed.success || !isJobName(parsed.data.meetbot.queue)) return undefined;
  return { meetbot: { queue: parsed.data.meetbot.queue, id: parsed.data.meetbot.id }, data: parsed.data.data };
}

/** The message kept in a job's output (a serialized Error, or pg-boss's `{ value: { message } }`). */
export function outputMessage(output: unknown): string | undefined {
  const o = z.object({ message: z.string().optional(), value: z.object({ message: z.string().optional() }).loose().optional() }).loose().safeParse(output);
  if (!o.success) return undefined;
  return o.data.message ?? o.data.value?.message;
}

/** Whether a try ended because its lease ran out (its instance died or stalled). */
export function endedByExpiry(output: unknown): boolean {
  return EXPIRED.test(outputMessage(output) ?? '');
}

const summaryRow = z.object({
  id: z.string(), name: z.string(), state: z.string(), tries: z.coerce.number(), created_on: z.coerce.date(),
  started_on: z.coerce.date().nullable(), output: z.unknown(),
});

const STATES: Record<string, JobSummary['state']> = { created: 'queued', retry: 'retry', active: 'active', failed: 'dead' };

/** The queries, on pg-boss's schema `s` (a checked identifier). */
export function pgBossSql(s: string, exec: ExecuteSql) {
  const names = [...JOB_NAMES];
  // Dead: failed in meetbot's queues, and dead-letter copies whose original was archived since.
  const deadJobs = `
    SELECT id::text, name, 'failed' AS state, retry_count AS tries, created_on, started_on, output FROM ${s}.job
      WHERE state = 'failed' AND name = ANY($1::text[])
    UNION ALL
    SELECT d.id::text, d.data->'meetbot'->>'queue', 'failed', d.retry_limit, d.created_on, NULL, d.output FROM ${s}.job d
      WHERE d.name = '${DEAD_LETTER}' AND d.state < 'active' AND NOT EXISTS (
        SELECT 1 FROM ${s}.job o WHERE o.id::text = d.data->'meetbot'->>'id' AND o.name = ANY($1::text[]))`;
  const toSummary = (row: unknown): JobSummary[] => {
    const r = summaryRow.parse(row);
    const state = STATES[r.state];
    if (!state || !isJobName(r.name)) return [];
    const error = outputMessage(r.output);
    return [{ id: r.id, name: r.name, state, retryCount: r.tries, createdAt: r.created_on, ...(r.started_on ? { startedAt: r.started_on } : {}), ...(error ? { error } : {}) }];
  };
  return {
    async counts() {
      const { rows } = await exec(`
        SELECT name, state::text, count(*)::int AS n,
          COALESCE(EXTRACT(EPOCH FROM now() - min(start_after) FILTER (WHERE start_after <= now())), 0)::float AS age
        FROM ${s}.job WHERE name = ANY($1::text[]) AND state <= 'active' GROUP BY name, state`, [names]);
      const dead = await exec(`SELECT count(*)::int AS n FROM (${deadJobs}) dead`, [names]);
      const count = z.object({ name: z.string(), state: z.string(), n: z.coerce.number(), age: z.coerce.number() });
      return { rows: rows.map((r) => count.parse(r)), dead: z.object({ n: z.coerce.number() }).parse(dead.rows[0]).n };
    },
    async dead(limit: number) {
      const { rows } = await exec(`SELECT * FROM (${deadJobs}) dead ORDER BY created_on DESC LIMIT $2`, [names, limit]);
      return rows.flatMap(toSummary);
    },
    async stuck(limit: number, olderThanSeconds: number) {
      const { rows } = await exec(`
        SELECT id::text, name, state::text, retry_count AS tries, created_on, started_on, output FROM ${s}.job
        WHERE name = ANY($1::text[]) AND ((state = 'active' AND started_on + expire_in < now())
          OR (state < 'active' AND start_after <= now() - $3 * interval '1 second'))
        ORDER BY created_on DESC LIMIT $2`, [names, limit, olderThanSeconds]);
      return rows.flatMap(toSummary);
    },
    /** The queue and state of a job by id, whatever its queue. */
    async find(id: string) {
      const { rows } = await exec(`SELECT name, state::text, data, (state = 'active' AND started_on + expire_in < now()) AS expired
        FROM ${s}.job WHERE id::text = $1 LIMIT 1`, [id]);
      return rows.length ? z.object({ name: z.string(), state: z.string(), data: z.unknown(), expired: z.boolean() }).parse(rows[0]) : undefined;
    },
    /** Whether a job with `key` waits or runs on `name`. */
    async singletonTaken(name: JobName, key: string) {
      const { rows } = await exec(`SELECT 1 FROM ${s}.job WHERE name = $1 AND singleton_key = $2 AND state <= 'active' LIMIT 1`, [name, key]);
      return rows.length > 0;
    },
    /** Hands running jobs back to run again now, on any instance (the next try counts as a retry). */
    async release(ids: readonly string[], message: string) {
      await exec(`UPDATE ${s}.job SET state = 'retry', start_after = now(), output = $2::jsonb
        WHERE id::text = ANY($1::text[]) AND state = 'active'`, [ids, JSON.stringify({ value: { message } })]);
    },
    /** Makes a waiting job due now. */
    async dueNow(id: string) {
      await exec(`UPDATE ${s}.job SET start_after = now() WHERE id::text = $1 AND state < 'active'`, [id]);
    },
    async deleteDeadLetters(originId: string) {
      await exec(`DELETE FROM ${s}.job WHERE name = '${DEAD_LETTER}' AND data->'meetbot'->>'id' = $1`, [originId]);
    },
    async deleteJob(id: string) {
      await exec(`DELETE FROM ${s}.job WHERE id::text = $1 AND name = '${DEAD_LETTER}'`, [id]);
    },
  };
}
