// End to end: POST /playground/api/messages creating meetings (local Graph over loopback, SQLite), beside a bare express floor.
// Targets were measured on a shared 2-core machine with the load generator in the same process; they leave room for
// that noise (busy runs: 101-135 meetings/s, p50 58-79 ms; quiet runs ~160/s, p50 ~48 ms). Each meeting also
// subscribes to its call events in the background, about a third of the CPU per meeting.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import express from 'express';
import { loadConfig } from '../adapters/config';
import { createServer } from '../adapters/server';
import { createLogger } from '../adapters/server/logger';
import { percentile } from './stats';
import type { BenchResult } from './types';

const SEQUENTIAL = 300;
const CONCURRENCY = 8;
const BURST = 200;
/** Meetings created after the first runs, to see what memory keeps growing with their number. */
const GROWTH = 1000;

/** A full garbage collection, even without --expose-gc (`npx tsx` does not pass it). */
function collector(): () => void {
  if (global.gc) return global.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Resident and heap memory in MB after a full collection; twice, so finalizers' garbage goes too. */
async function settledMemory(gc: () => void): Promise<{ rss: number; heap: number }> {
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 2 ** 20, heap: heapUsed / 2 ** 20 };
}

async function load(url: string, body: (i: number) => unknown, total: number, concurrency: number): Promise<{ rps: number; p50: number; p99: number; ok: number }> {
  const times: number[] = [];
  let next = 0;
  let ok = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(i)) });
      const json = (await res.json()) as { messages?: Array<{ card?: unknown }> };
      if (res.ok && (json.messages === undefined || json.messages.some((m) => m.card))) ok++;
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { rps: total / seconds, p50: percentile(times, 50), p99: percentile(times, 99), ok };
}

async function bareExpress(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.use(express.json());
  app.post('/echo', (req, res) => {
    res.json({ ok: true, got: (req.body as { text?: string }).text });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`, close: () => new Promise((r) => server.close(() => r())) };
}

/** The server benchmark. */
export async function run(): Promise<BenchResult[]> {
  const floor = await bareExpress();
  const floorSeq = await load(floor.url, (i) => ({ text: `hello ${i}` }), SEQUENTIAL * 4, CONCURRENCY);
  const floorBurst = await load(floor.url, (i) => ({ text: `hello ${i}` }), BURST, BURST);
  await floor.close();
  const gc = collector();
  const rssFloor = (await settledMemory(gc)).rss;

  const dir = mkdtempSync(join(tmpdir(), 'meetbot-bench-'));
  const loaded = loadConfig({ PORT: '0', MEETBOT_DB: join(dir, 'bench.db'), LOG_LEVEL: 'silent' });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const server = await createServer(loaded.config, { logger: createLogger({ level: 'silent' }), env: {} });
  const { url } = await server.listen();
  const endpoint = `${url}/playground/api/messages`;
  const say = (prefix: string) => (i: number) => ({ as: 'alice', conversation: 'general', text: `/meet now ${prefix} ${i} @bob` });
  await load(endpoint, say('Warm-up'), 20, 4);
  const seq = await load(endpoint, say('Bench'), SEQUENTIAL, CONCURRENCY);
  const burst = await load(endpoint, say('Burst'), BURST, BURST);
  const meetings = 20 + SEQUENTIAL + BURST;
  const before = await settledMemory(gc);
  await load(endpoint, say('Growth'), GROWTH, CONCURRENCY);
  const after = await settledMemory(gc);
  await server.close();
  rmSync(dir, { recursive: true, force: true });

  return [
    { name: `meetings created per second (${CONCURRENCY} concurrent clients)`, value: seq.rps, unit: 'req/s', target: 90, higherIsBetter: true, floor: floorSeq.rps, note: 'floor: bare express JSON echo' },
    { name: 'create-meeting latency p50', value: seq.p50, unit: 'ms', target: 100, higherIsBetter: false, floor: floorSeq.p50 },
    { name: 'create-meeting latency p99', value: seq.p99, unit: 'ms', target: 200, higherIsBetter: false, floor: floorSeq.p99 },
    { name: `burst of ${BURST} concurrent commands answered with a card`, value: burst.ok, unit: 'answers', target: BURST, higherIsBetter: true, floor: floorBurst.ok },
    { name: `burst of ${BURST}: slowest answer`, value: burst.p99, unit: 'ms', target: 5_000, higherIsBetter: false, floor: floorBurst.p99 },
    { name: `RSS after ${meetings} meetings (after GC)`, value: before.rss, unit: 'MB', target: 300, higherIsBetter: false, floor: rssFloor, note: 'floor: RSS after the bare express runs' },
    { name: `RSS growth per 1,000 more meetings (after GC)`, value: ((after.rss - before.rss) * 1000) / GROWTH, unit: 'MB', target: 25, higherIsBetter: false, note: `heap used grew ${(((after.heap - before.heap) * 1000) / GROWTH).toFixed(1)} MB` },
  ];
}
