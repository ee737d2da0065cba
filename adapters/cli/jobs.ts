// `meetbot jobs`: the job queue's stuck and dead jobs, and `meetbot jobs retry <id>` to queue one again. It opens the
// store and queue `meetbot serve` uses, without starting the queue: no workers, no upkeep, nothing taken over.
import { openQueue, type JobQueue, type JobSummary } from '../jobs';
import { openStore } from '../store';
import { loadCliConfig, type CliIo } from './io';

/** The subcommand's help. */
export const JOBS_USAGE = `Usage: meetbot jobs [--older-than SECONDS] [--limit N] [--json]
       meetbot jobs retry <id>

Lists stuck jobs (running past their lease, or waiting longer than --older-than, default 300 s, past their start)
and dead ones (out of retries), newest first; retry queues one of them to run again now.
`;

type JobsArgs =
  | { readonly kind: 'list'; readonly olderThanSeconds: number; readonly limit: number; readonly json: boolean }
  | { readonly kind: 'retry'; readonly id: string }
  | { readonly kind: 'help' };

function parseJobsArgs(args: readonly string[]): { ok: true; value: JobsArgs } | { ok: false; error: string } {
  if (args[0] === 'retry') {
    if (args.length !== 2 || !args[1]) return { ok: false, error: 'retry takes one job id' };
    return { ok: true, value: { kind: 'retry', id: args[1] } };
  }
  let olderThanSeconds = 300;
  let limit = 50;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { ok: true, value: { kind: 'help' } };
    if (arg === '--json') json = true;
    else if (arg === '--older-than' || arg === '--limit') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 0) return { ok: false, error: `${arg} takes a whole number` };
      if (arg === '--limit') limit = Math.max(1, n);
      else olderThanSeconds = n;
    } else return { ok: false, error: `unknown argument "${arg ?? ''}"` };
  }
  return { ok: true, value: { kind: 'list', olderThanSeconds, limit, json } };
}

/** 45s, 12m, 3h, 2d. */
function age(since: Date, now: number): string {
  const s = Math.max(0, Math.round((now - since.getTime()) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

function table(jobs: readonly JobSummary[], now: number): string {
  const rows = [['ID', 'QUEUE', 'STATE', 'TRIES', 'AGE', 'LAST ERROR'], ...jobs.map((j) => [
    j.id, j.name, j.state, String(j.retryCount + 1), age(j.createdAt, now), (j.error ?? '').replace(/\s+/g, ' ').slice(0, 120),
  ])];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => r[c]?.length ?? 0))) ?? [];
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ').trimEnd()).join('\n');
}

async function list(queue: JobQueue, args: Extract<JobsArgs, { kind: 'list' }>, io: CliIo): Promise<number> {
  const stuck = await queue.list('stuck', { limit: args.limit, olderThanSeconds: args.olderThanSeconds });
  const dead = await queue.list('dead', { limit: args.limit });
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ stuck, dead })}\n`);
    return 0;
  }
  const now = Date.now();
  for (const [title, jobs] of [['Stuck jobs', stuck], ['Dead jobs', dead]] as const) {
    io.stdout.write(`${title}: ${jobs.length ? `${jobs.length}\n${table(jobs, now)}` : 'none'}\n`);
  }
  return 0;
}

/** `meetbot jobs …`; returns the exit code. */
export async function runJobs(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseJobsArgs(args);
  if (!parsed.ok) {
    io.stderr.write(`meetbot jobs: ${parsed.error}\n\n${JOBS_USAGE}`);
    return 2;
  }
  if (parsed.value.kind === 'help') {
    io.stdout.write(JOBS_USAGE);
    return 0;
  }
  const config = loadCliConfig(io);
  if (!config) return 2;
  const command = parsed.value;
  try {
    const store = await openStore(config.database);
    // Not started: starting would recover (SQLite) or reconfigure (pg-boss) the running server's jobs.
    const queue = openQueue(store);
    try {
      if (command.kind === 'list') return await list(queue, command, io);
      if (await queue.retry(command.id)) {
        io.stdout.write(`Job ${command.id} is queued to run again.\n`);
        return 0;
      }
      io.stderr.write(`meetbot jobs: no stuck or dead job ${command.id}\n`);
      return 1;
    } finally {
      await queue.stop(0).catch(() => undefined);
      await store.close();
    }
  } catch (error) {
    io.stderr.write(`meetbot jobs: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
