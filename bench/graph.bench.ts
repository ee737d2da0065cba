// Graph client → local Graph service over loopback: creation throughput, latency, and idempotency under 30% 429s.
import { createGraphBackend, createMemoryDirectoryCache } from '../adapters/graph';
import { participantInfo } from '../adapters/graph/meetings';
import { createMemoryRepo, DEFAULT_DIRECTORY, startLocalGraphServer, type LocalGraphOptions } from '../adapters/graph/local';
import type { Logger, M365User, MeetingSpec } from '../src/bot-api';
import { percentile } from './stats';
import type { BenchResult } from './types';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const CREATIONS = 600;
const CONCURRENCY = 8;
const CHAOS_CREATIONS = 200;

function user(i: number): M365User {
  const u = DEFAULT_DIRECTORY[i % DEFAULT_DIRECTORY.length];
  if (!u) throw new Error('empty directory');
  return { id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName };
}

function spec(key: string, i: number): MeetingSpec {
  const start = new Date(Date.UTC(2030, 0, 1, 9) + i * 60_000);
  return { externalId: key, organizer: user(i), subject: `Bench ${i}`, start, end: new Date(start.getTime() + 1_800_000), attendees: [user(i + 1)] };
}

/** Runs `count` jobs with `concurrency` workers; returns each job's latency in ms and the wall time. */
async function drive(count: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await job(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), wallMs: performance.now() - started };
}

async function withLocal<T>(opts: LocalGraphOptions, fn: (url: string, inserted: () => number) => Promise<T>): Promise<T> {
  const repo = createMemoryRepo();
  let inserted = 0;
  const counting = { ...repo, createOrGet: async (m: Parameters<typeof repo.createOrGet>[0]) => {
    const r = await repo.createOrGet(m);
    if (r.created) inserted++;
    return r;
  } };
  const server = await startLocalGraphServer({ ...opts, repo: counting });
  try {
    return await fn(server.url, () => inserted);
  } finally {
    await server.close();
  }
}

/** The benchmark. */
export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  // Floor: the same createOrGet body as a bare fetch, without the SDK, our middleware or the zod mapping.
  const floor = await withLocal({}, async (url) => {
    const bare = async (i: number): Promise<void> => {
      const s = spec(`floor-${i}`, i);
      const res = await fetch(`${url}/users/${s.organizer.id}/onlineMeetings/createOrGet`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          externalId: s.externalId,
          subject: s.subject,
          startDateTime: s.start.toISOString(),
          endDateTime: s.end.toISOString(),
          joinMeetingIdSettings: { isPasscodeRequired: true },
          participants: { organizer: participantInfo(s.organizer, 'presenter'), attendees: s.attendees.map((u) => participantInfo(u)) },
        }),
      });
      await res.json();
    };
    await drive(50, CONCURRENCY, (i) => bare(CREATIONS + i));
    const { wallMs } = await drive(CREATIONS, CONCURRENCY, bare);
    return (CREATIONS / wallMs) * 1000;
  });

  await withLocal({}, async (url) => {
    const backend = createGraphBackend({ config: { kind: 'remote', baseUrl: url, auth: { kind: 'none' } }, cache: createMemoryDirectoryCache(), logger: silent });
    await drive(50, CONCURRENCY, (i) => backend.meetings.createOrGet(spec(`warm-${i}`, i)));
    const { latencies, wallMs } = await drive(CREATIONS, CONCURRENCY, (i) => backend.meetings.createOrGet(spec(`m-${i}`, i)));
    results.push(
      { name: 'meetings created per second (client → local service)', value: (CREATIONS / wallMs) * 1000, unit: 'meetings/s', target: 100, higherIsBetter: true, floor, note: `${CREATIONS} createOrGet, ${CONCURRENCY} in flight; floor = bare fetch` },
      { name: 'createOrGet latency p50', value: percentile(latencies, 50), unit: 'ms', target: 60, higherIsBetter: false, note: 'client and service share this process and its cores' },
      { name: 'createOrGet latency p99', value: percentile(latencies, 99), unit: 'ms', target: 250, higherIsBetter: false },
    );
  });

  await withLocal({ faults: { rate429: 0.3, retryAfterSeconds: 0 }, seed: 1 }, async (url, inserted) => {
    let requests = 0;
    const backend = createGraphBackend({
      config: { kind: 'remote', baseUrl: url, auth: { kind: 'none' } },
      cache: createMemoryDirectoryCache(),
      logger: silent,
      retry: { maxAttempts: 10, baseDelayMs: 1 },
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
    });
    const ids = new Set<string>();
    await drive(CHAOS_CREATIONS, CONCURRENCY, async (i) => ids.add((await backend.meetings.createOrGet(spec(`chaos-${i}`, i))).meeting.id));
    results.push(
      { name: 'meetings made with 30% 429s', value: inserted(), unit: 'meetings', target: CHAOS_CREATIONS, higherIsBetter: true, note: `${CHAOS_CREATIONS} creations, ${requests} requests, ${ids.size} distinct ids` },
      { name: 'duplicates or losses with 30% 429s', value: Math.abs(inserted() - CHAOS_CREATIONS) + (CHAOS_CREATIONS - ids.size), unit: 'meetings', target: 0, higherIsBetter: false },
    );
  });

  return results;
}
