// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints one table.
// Each file runs in a process of its own, so one benchmark's garbage, caches and warm-up never weigh on the next.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Bench, BenchResult } from './types';

function verdict(r: BenchResult): string {
  if (r.target === undefined) return '';
  const pass = r.higherIsBetter === false ? r.value <= r.target : r.value >= r.target;
  return pass ? 'ok' : 'MISSED';
}

function fmt(n: number | undefined): string {
  if (n === undefined) return '';
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

const RESULTS = 'bench-results:';

/** Runs one bench file in this process and prints its results as one marked JSON line for the parent. */
async function runOne(file: string): Promise<void> {
  const mod = (await import(join(__dirname, file))) as { run: Bench };
  const results = await mod.run();
  process.stdout.write(`\n${RESULTS}${JSON.stringify(results)}\n`);
}

/** Runs `file` in a fresh process (same node and loader flags) and returns its results. */
function runIsolated(file: string, env: NodeJS.ProcessEnv): BenchResult[] {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--one', file], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULTS));
  if (child.status !== 0 || !line) throw new Error(`${file} did not finish (exit ${child.status ?? child.signal})`);
  return JSON.parse(line.slice(RESULTS.length)) as BenchResult[];
}

const RESULTS_FILE = join(__dirname, 'results.json');

/** Every figure with its floor and its ratio to the floor, by bench, in bench/results.json; benches not run keep theirs. */
function record(bench: string, results: readonly BenchResult[]): void {
  const previous = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as { benches?: Record<string, unknown> }) : {};
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: process.platform };
  const rows = results.map((r) => ({ ...r, ...(r.floor ? { ratio: r.value / r.floor } : {}), ...(r.target === undefined ? {} : { met: verdict(r) === 'ok' }) }));
  const benches = { ...previous.benches, [bench]: { measuredAt: new Date().toISOString(), machine, results: rows } };
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ machine, benches }, null, 2)}\n`);
}

async function main(): Promise<void> {
  const [flag, one] = process.argv.slice(2);
  if (flag === '--one' && one) return runOne(one);
  // --fuzz runs only the 100,000-request fuzz run, which the default run leaves out (it takes minutes).
  const fuzz = process.argv.includes('--fuzz');
  // --soak runs only the server benchmark's 100,000-command soak (about a quarter of an hour), also left out by default.
  const soak = process.argv.includes('--soak');
  const only = process.argv.slice(2).filter((a) => a !== '--fuzz' && a !== '--soak');
  const long = fuzz ? 'fuzz.bench.ts' : soak ? 'server.bench.ts' : undefined;
  const env = soak ? { ...process.env, MEETBOT_BENCH_SOAK: '1' } : process.env;
  // The durable bench (three instances on PostgreSQL, kills, about three minutes) runs only when named.
  const ASKED_FOR_ONLY = new Set(['fuzz.bench.ts', 'durable.bench.ts']);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => (long ? f === long : !ASKED_FOR_ONLY.has(f) || only.some((o) => f.includes(o))))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  let missed = 0;
  for (const file of files) {
    const results = runIsolated(file, env);
    const name = `${file.replace('.bench.ts', '')}${soak ? '-soak' : ''}`;
    record(name, results);
    console.log(`\n## ${name}`);
    console.log(['measure', 'value', 'unit', 'target', 'floor', 'verdict', 'note'].join(' | '));
    for (const r of results) {
      const v = verdict(r);
      if (v === 'MISSED') missed++;
      console.log([r.name, fmt(r.value), r.unit, r.target === undefined ? '' : `${r.higherIsBetter === false ? '<=' : '>='} ${fmt(r.target)}`, fmt(r.floor), v, r.note ?? ''].join(' | '));
    }
  }
  console.log(`\n${missed === 0 ? 'all targets met' : `${missed} target(s) missed`}`);
  process.exitCode = missed === 0 ? 0 : 1;
}

void main();
