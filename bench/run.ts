// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints one table.
// Each file runs in a process of its own, so one benchmark's garbage, caches and warm-up never weigh on the next.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
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
function runIsolated(file: string): BenchResult[] {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--one', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(RESULTS));
  if (child.status !== 0 || !line) throw new Error(`${file} did not finish (exit ${child.status ?? child.signal})`);
  return JSON.parse(line.slice(RESULTS.length)) as BenchResult[];
}

async function main(): Promise<void> {
  const [flag, one] = process.argv.slice(2);
  if (flag === '--one' && one) return runOne(one);
  // --fuzz runs only the 100,000-request fuzz run, which the default run leaves out (it takes minutes).
  const fuzz = process.argv.includes('--fuzz');
  const only = process.argv.slice(2).filter((a) => a !== '--fuzz');
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => (fuzz ? f === 'fuzz.bench.ts' : f !== 'fuzz.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  let missed = 0;
  for (const file of files) {
    const results = runIsolated(file);
    console.log(`\n## ${file.replace('.bench.ts', '')}`);
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
