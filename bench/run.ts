// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints one table.
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

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  let missed = 0;
  for (const file of files) {
    const mod = (await import(join(__dirname, file))) as { run: Bench };
    const results = await mod.run();
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
