// The local Graph and the store: createOrGet over HTTP (in memory and on SQLite), beside a bare express floor.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { DEFAULT_DIRECTORY, startLocalGraphServer, type LocalGraphRepo } from '../adapters/graph/local';
import { openStore } from '../adapters/store';
import type { BenchResult } from './types';

const N = 400;
const CONCURRENCY = 8;

async function rate(send: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < N) await send(next++);
  }));
  return N / ((performance.now() - started) / 1000);
}

async function createOrGetRate(repo?: LocalGraphRepo): Promise<number> {
  const s = await startLocalGraphServer(repo ? { repo } : {});
  const url = `${s.url}/users/${DEFAULT_DIRECTORY[0]!.id}/onlineMeetings/createOrGet`;
  try {
    return await rate(async (i) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ externalId: `bench-${i}`, subject: 'Bench' }) });
      await res.arrayBuffer();
    });
  } finally {
    await s.close();
  }
}

async function floorRate(): Promise<number> {
  const app = express();
  app.post('/x', express.json(), (req, res) => {
    res.status(201).json(req.body);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  try {
    return await rate(async (i) => {
      const res = await fetch(`http://127.0.0.1:${port}/x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ externalId: `bench-${i}` }) });
      await res.arrayBuffer();
    });
  } finally {
    server.close();
  }
}

/** createOrGet throughput of the local Graph. */
export async function run(): Promise<BenchResult[]> {
  // Warm the HTTP client and server code paths first so the floor is not penalised for going first.
  await floorRate();
  const floor = await floorRate();
  const memory = await createOrGetRate();
  const dir = mkdtempSync(join(tmpdir(), 'meetbot-bench-'));
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'bench.db') });
  try {
    const sqlite = await createOrGetRate(store.localGraph);
    return [
      { name: 'local Graph createOrGet (memory)', value: memory, unit: 'req/s', target: 200, higherIsBetter: true, floor, note: 'floor: bare express JSON echo' },
      { name: 'local Graph createOrGet (SQLite)', value: sqlite, unit: 'req/s', target: 100, higherIsBetter: true, floor },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
