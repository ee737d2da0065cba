// The durable path on PostgreSQL: slash commands per second through three `meetbot serve` processes behind a
// round-robin proxy (each recorded, acknowledged, and finished as a job by whichever instance takes it), beside the
// same three processes with MEETBOT_DURABLE=off (finished in memory, unrecorded), in alternating rounds of the same
// run. Then the time from SIGKILLing an instance to the card of a command it had taken, posted by another instance.
// Needs DATABASE_URL; each cluster has a schema of its own, dropped after.
import { percentile } from './stats';
import type { BenchResult } from './types';
import { Cluster, databaseUrl, spread } from '../test/durable/cluster';

const ROUNDS = 2;
const PER_ROUND = 150;
const CONCURRENCY = 16;

/** Sends `n` slash commands, `concurrency` at a time, and waits for every card; commands per second end to end. */
async function round(c: Cluster, n: number, concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      next++;
      await c.slash();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (!(await c.settle(60_000))) throw new Error(`a round did not finish: ${JSON.stringify(c.ledger.counts())}`);
  return n / ((performance.now() - started) / 1000);
}

/** Kills a random instance every 5 s during 15 s of load (with a slow Graph, so jobs are in flight), and times recovery. */
async function recovery(): Promise<{ times: number[]; lost: number; duplicates: number }> {
  const c = await Cluster.start({ instances: 3, store: 'postgres', env: { MEETBOT_LOCAL_FAULTS: 'latency=400' } });
  try {
    let loading = true;
    const restarts: Promise<void>[] = [];
    const killer = (async () => {
      for (let i = 0; i < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 4000));
        const up = c.instances.filter((x) => x.up);
        const victim = up[Math.floor(Math.random() * up.length)];
        if (!loading || !victim || up.length < 2) continue;
        await c.kill(victim);
        restarts.push(victim.start());
      }
    })();
    await spread(150, 15_000, () => c.slash());
    loading = false;
    await killer;
    await Promise.all(restarts);
    await c.settle(60_000);
    const counts = c.ledger.counts();
    return { times: c.recoveryTimes(), lost: counts.lost, duplicates: counts.duplicates };
  } finally {
    await c.stop();
  }
}

/** The durable-path benchmark. */
export async function run(): Promise<BenchResult[]> {
  if (!databaseUrl()) {
    console.error('durable bench skipped: DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)');
    return [];
  }
  // One cluster up at a time (six idle processes would share the two cores with the measured three), alternating.
  const rates = { on: [] as number[], off: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const mode of ['on', 'off'] as const) {
      const c = await Cluster.start({ instances: 3, store: 'postgres', env: { MEETBOT_DURABLE: mode } });
      try {
        await round(c, 30, 4);
        rates[mode].push(await round(c, PER_ROUND, CONCURRENCY));
      } finally {
        await c.stop();
      }
    }
  }
  const best = (xs: number[]) => Math.max(...xs);
  const rec = await recovery();
  const ratio = best(rates.on) / best(rates.off);
  return [
    { name: `slash commands per second, 3 instances, durable (${CONCURRENCY} concurrent)`, value: best(rates.on), unit: 'cmd/s', floor: best(rates.off), note: `floor: MEETBOT_DURABLE=off; rounds on ${rates.on.map(Math.round).join('/')}, off ${rates.off.map(Math.round).join('/')}` },
    { name: 'durable throughput / in-memory throughput', value: ratio, unit: 'ratio', target: 0.7, higherIsBetter: true },
    { name: 'SIGKILL to recovered card p50', value: percentile(rec.times, 50) / 1000, unit: 's', note: `${rec.times.length} recovered cards; lost ${rec.lost}, answered twice ${rec.duplicates}` },
    { name: 'SIGKILL to recovered card p99', value: percentile(rec.times, 99) / 1000, unit: 's', target: 30, higherIsBetter: false },
  ];
}
