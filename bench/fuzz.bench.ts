// `npm run bench -- --fuzz`: 100,000 mutated real payloads across every route (the same world as
// test/security/fuzz.test.ts), 16 at a time: answers of 500 or more, unhandled rejections, and resident memory after
// GC at the end against the start (after a warm-up of 10,000, so bounded caches and JIT are already in).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { startWorld } from '../test/security/fuzz/world';
import type { Bench } from './types';

const TOTAL = Number(process.env.MEETBOT_FUZZ_REQUESTS ?? 100_000);
// Long enough for the bounded caches (users, words, zones) and the heap's high-water mark to be reached first.
const WARMUP = 10_000;
const PARALLEL = 16;

function settled(): { rss: number; heap: number; heapTotal: number; external: number } {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) gc();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const mb = (n: number): number => n / 1024 / 1024;
  return { rss: mb(rss), heap: mb(heapUsed), heapTotal: mb(heapTotal), external: mb(external) };
}

export const run: Bench = async () => {
  const rejections: unknown[] = [];
  process.on('unhandledRejection', (reason) => rejections.push(reason));
  const world = await startWorld();
  const routes = Object.values(world.routes);
  const shots = fc.oneof(...routes);
  let failures = 0;
  const firstFailures: string[] = [];
  const fire = async (count: number, seed: number): Promise<void> => {
    const batch = fc.sample(shots, { numRuns: count, seed });
    for (let i = 0; i < batch.length; i += PARALLEL) {
      const results = await Promise.all(batch.slice(i, i + PARALLEL).map((s) => world.fire(s)));
      for (const r of results) {
        if (!r.problem) continue;
        failures++;
        if (firstFailures.length < 3) firstFailures.push(r.problem);
      }
      world.forget();
    }
  };
  await fire(WARMUP, 1);
  await new Promise((r) => setTimeout(r, 500));
  const before = settled();
  const started = Date.now();
  for (let done = 0, seed = 2; done < TOTAL; done += 5_000, seed++) await fire(Math.min(5_000, TOTAL - done), seed);
  const seconds = (Date.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 2_000));
  const after = settled();
  await world.close();
  if (firstFailures.length) process.stderr.write(`fuzz failures, first ones:\n${firstFailures.join('\n')}\n`);
  return [
    { name: `answers of 500 or more (not the documented 501), ${TOTAL.toLocaleString('en-US')} requests`, value: failures, unit: 'responses', target: 0, higherIsBetter: false },
    { name: 'unhandled rejections', value: rejections.length, unit: 'rejections', target: 0, higherIsBetter: false },
    { name: 'resident memory growth after GC', value: after.rss - before.rss, unit: 'MB', target: 20, higherIsBetter: false, note: `${Math.round(before.rss)} -> ${Math.round(after.rss)} MB` },
    { name: 'heap growth after GC', value: after.heap - before.heap, unit: 'MB', note: `${Math.round(before.heap)} -> ${Math.round(after.heap)} MB` },
    { name: 'heap reserved (heapTotal) growth after GC', value: after.heapTotal - before.heapTotal, unit: 'MB', note: `${Math.round(before.heapTotal)} -> ${Math.round(after.heapTotal)} MB` },
    { name: 'external memory growth after GC', value: after.external - before.external, unit: 'MB', note: `${Math.round(before.external)} -> ${Math.round(after.external)} MB` },
    { name: 'fuzzed requests per second', value: TOTAL / seconds, unit: 'req/s' },
  ];
};
