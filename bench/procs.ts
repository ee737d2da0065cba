// Child processes of the server benchmark (meetbot serve, meetbot graph, the floors) and what the OS says they used.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'meetbot.js');
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** A started child: its URL (from the line it prints), CPU and memory as the OS counts them, and stop(). */
export interface Child {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** User + system CPU time so far, in ms, from /proc/<pid>/stat. */
  cpuMs(): number;
  /** Resident set size now, in MB, from /proc/<pid>/status. */
  rssMb(): number;
  stop(): Promise<void>;
}

/** `node bin/meetbot.js <args>` or `node -r tsx/cjs <script>`, with exactly `env` (plus PATH and HOME). */
export async function startChild(name: string, argv: { meetbot: readonly string[] } | { script: string }, env: Record<string, string>, urlPattern: RegExp, nodeFlags: readonly string[] = []): Promise<Child> {
  const args = 'meetbot' in argv ? [...nodeFlags, BIN, ...argv.meetbot] : [...nodeFlags, '-r', 'tsx/cjs', join(ROOT, argv.script)];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? ROOT, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    // Only the start-up lines matter; later output is dropped so a chatty child cannot grow this process.
    if (stderr.length < 64_000) stderr += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = Date.now();
  let url: string | undefined;
  while (!url) {
    url = urlPattern.exec(stderr)?.[1];
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`${name} did not start:\n${stderr}`);
    if (!url) await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid ?? 0;
  return {
    name,
    url,
    pid,
    cpuMs() {
      // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 12th, stime the 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    },
    rssMb() {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return Number(kb ?? 0) / 1024;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The sum of every sample of a Prometheus series (any labels, or those holding `label`, e.g. `kind="commit"`) in `/metrics` text; 0 when absent. */
export function seriesTotal(metrics: string, name: string, label?: string): number {
  let sum = 0;
  for (const line of metrics.split('\n')) {
    const labelled = line.startsWith(`${name}{`);
    if (label !== undefined && !(labelled && line.slice(0, line.indexOf('}')).includes(label))) continue;
    if (labelled || line.startsWith(`${name} `)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}
