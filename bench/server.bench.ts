// End to end as production runs it: meetbot serve in its own process, GRAPH_BASE_URL pointing at `meetbot graph` in
// another, Slack and Teams faked at their HTTP APIs in this process; beside it, in the same run and alternating with
// it, the floors (bench/floors/): a bare Bolt app and a bare botbuilder bot doing the same external I/O (one
// createOrGet by plain fetch, one card). Each of CONNECTIONS connections sends a command and waits until its card
// reached the fake platform before sending the next. CPU is the bot process's user+system time from /proc.
// `npm run bench -- --soak` instead sends 100,000 Slack commands and reports how resident memory moved.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeConnector, startFakeSlack, type PlatformFake } from './platform-fakes';
import { seriesTotal, startChild, type Child } from './procs';
import { combine, runRound, SIGNING_SECRET, slackTarget, statementsPerScrape, teamsTarget, type Round, type Target } from './server-load';
import { percentile } from './stats';
import type { BenchResult } from './types';

const CONNECTIONS = 16;
// Three alternating rounds of this many: an ack p99 of 1,200 commands is the 12th slowest, not the 6th.
const PER_ROUND = Number(process.env.MEETBOT_BENCH_COMMANDS ?? 400);
const ROUNDS = 3;
// Each process serves this many commands before it is measured: V8 needs a thousand or so to optimise a path (the
// floors' CPU per command falls by half to two thirds over their first 2,000, the bot's by a third to a half), and
// production is measured warm.
const WARMUP = 1000;
const GRAPH_LATENCY_MS = 200;
const CONCURRENT = 200;
const SOAK = 100_000;
const IDLE_SETTLE_MS = 10_000;

const BOT_URL = /meetbot is running at (http:\/\/\S+)/;
const GRAPH_URL = /service is at (http:\/\/\S+)/;
const FLOOR_URL = /floor listening at (http:\/\/\S+)/;

interface World {
  readonly dir: string;
  readonly slack: PlatformFake;
  readonly teams: PlatformFake;
}

function botEnv(w: World, name: string, graphUrl?: string): Record<string, string> {
  return {
    PORT: '0', LOG_LEVEL: 'error', MEETBOT_DB: join(w.dir, `${name}.db`), MEETBOT_COUNT_WORK: 'true',
    SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy', SLACK_API_URL: `${w.slack.url}/api/`,
    ...(graphUrl ? { GRAPH_BASE_URL: graphUrl } : {}),
  };
}

function floorEnv(w: World, graphUrl: string): Record<string, string> {
  return { PORT: '0', GRAPH_BASE_URL: graphUrl, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-17653672481-19874698323-floorbench000', SLACK_API_URL: `${w.slack.url}/api/` };
}

const startGraph = (w: World, name: string, faults?: string): Promise<Child> =>
  startChild(name, { meetbot: ['graph', '--port', '0'] }, { LOG_LEVEL: 'error', MEETBOT_DB: join(w.dir, `${name}.db`), ...(faults ? { MEETBOT_LOCAL_FAULTS: faults } : {}) }, GRAPH_URL);
const startBot = (w: World, name: string, graphUrl?: string): Promise<Child> => startChild(name, { meetbot: ['serve'] }, botEnv(w, name, graphUrl), BOT_URL, process.env.MEETBOT_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.MEETBOT_BENCH_PROFILE}`] : []);
const startFloor = (w: World, platform: 'slack' | 'teams', graphUrl: string): Promise<Child> => startChild(`${platform} floor`, { script: `bench/floors/${platform}.ts` }, floorEnv(w, graphUrl), FLOOR_URL);

/** Floor and bot rounds, alternating, after a warm-up of each. */
async function compare(target: Target, bot: Child, floor: Child): Promise<{ bot: Round[]; floor: Round[] }> {
  const scrapeCost = await statementsPerScrape(bot.url);
  await runRound(target, floor, WARMUP, CONNECTIONS, 'Warm-up');
  await runRound(target, bot, WARMUP, CONNECTIONS, 'Warm-up', { scrapeCost });
  const rounds = { bot: [] as Round[], floor: [] as Round[] };
  for (let r = 0; r < ROUNDS; r++) {
    rounds.floor.push(await runRound(target, floor, PER_ROUND, CONNECTIONS, 'Floor'));
    rounds.bot.push(await runRound(target, bot, PER_ROUND, CONNECTIONS, 'Standup', { scrapeCost }));
  }
  return rounds;
}

const label = { slack: 'Slack /meet', teams: 'Teams mention' } as const;

/** The figures of one platform, with the targets the issue sets as ratios to the floor. */
function figures(platform: 'slack' | 'teams', rounds: { bot: Round[]; floor: Round[] }): BenchResult[] {
  const bot = combine(rounds.bot);
  const floor = combine(rounds.floor);
  const name = label[platform];
  const sent = `${bot.cards}/${bot.sent} cards (floor ${floor.cards}/${floor.sent}), ${CONNECTIONS} connections`;
  return [
    { name: `${name} -> card: meetings per second`, value: bot.rps, unit: 'meetings/s', floor: floor.rps, note: sent },
    { name: `${name}: meetings per second / floor`, value: bot.rps / floor.rps, unit: 'x', target: 0.8, higherIsBetter: true },
    { name: `${name}: CPU per command (bot process, from /proc)`, value: bot.cpuPerCommand, unit: 'ms', floor: floor.cpuPerCommand, note: 'including its background jobs until the queue is idle' },
    { name: `${name}: CPU per command / floor`, value: bot.cpuPerCommand / floor.cpuPerCommand, unit: 'x', target: 1.25, higherIsBetter: false },
    { name: `${name}: ack p50`, value: bot.ackP50, unit: 'ms', floor: floor.ackP50 },
    { name: `${name}: ack p99`, value: bot.ackP99, unit: 'ms', floor: floor.ackP99 },
    { name: `${name}: ack p99 / floor`, value: bot.ackP99 / floor.ackP99, unit: 'x', target: 1.5, higherIsBetter: false },
    { name: `${name}: command -> card p50 / p99`, value: bot.cardP50, unit: 'ms', floor: floor.cardP50, note: `p99 ${bot.cardP99.toFixed(1)} ms (floor ${floor.cardP99.toFixed(1)} ms)` },
    { name: `${name}: cards at the platform`, value: bot.cards, unit: 'cards', target: bot.sent, higherIsBetter: true, floor: floor.cards },
    { name: `${name}: SQL statements per command`, value: bot.work.sql, unit: 'statements', floor: 0, note: `${bot.work.commits.toFixed(2)} of them COMMIT: the store's transactions of one turn share one` },
    { name: `${name}: bytes written to the store per command`, value: bot.work.storeBytes, unit: 'bytes', floor: 0 },
    { name: `${name}: Graph requests per command`, value: bot.work.graph, unit: 'requests', floor: 1, note: 'the bot\'s own count (createOrGet, directory, subscription)' },
    { name: `${name}: platform API calls per command`, value: bot.work.platform, unit: 'calls', floor: floor.work.platform, note: `counted by the fake Slack Web API / Bot Connector; ${bot.work.connections.toFixed(2)} new connections per command (floor ${floor.work.connections.toFixed(2)})` },
  ];
}

/** 200 Teams mentions at once with Graph answering after 200 ms: what the bot adds over Graph's own latency. */
async function overhead(w: World): Promise<BenchResult[]> {
  const graph = await startGraph(w, 'graph-slow', `latency=${GRAPH_LATENCY_MS}`);
  const [bot, floor] = await Promise.all([startBot(w, 'bot-slow', graph.url), startFloor(w, 'teams', graph.url)]);
  try {
    const target = teamsTarget(w.teams);
    const scrapeCost = await statementsPerScrape(bot.url);
    await runRound(target, floor, WARMUP, CONCURRENT, 'Warm-up');
    await runRound(target, bot, WARMUP, CONCURRENT, 'Warm-up', { scrapeCost });
    const f = await runRound(target, floor, CONCURRENT, CONCURRENT, 'Floor');
    const b = await runRound(target, bot, CONCURRENT, CONCURRENT, 'Standup', { scrapeCost });
    const over = (ms: number[], p: number): number => percentile(ms, p) - GRAPH_LATENCY_MS;
    // The Graph stand-in is the local service in its own process: at 200 at once it queues too, which the floor shows.
    const note = `${b.cards}/${CONCURRENT} cards; mention -> card minus Graph's ${GRAPH_LATENCY_MS} ms; over the floor: p50 +${(percentile(b.cardMs, 50) - percentile(f.cardMs, 50)).toFixed(0)} ms`;
    return [
      { name: `Teams mention -> card over Graph's latency p50 (${CONCURRENT} at once)`, value: over(b.cardMs, 50), unit: 'ms', target: 5, higherIsBetter: false, floor: over(f.cardMs, 50), note },
      { name: `Teams mention -> card over Graph's latency p99 (${CONCURRENT} at once)`, value: over(b.cardMs, 99), unit: 'ms', target: 25, higherIsBetter: false, floor: over(f.cardMs, 99) },
    ];
  } finally {
    await Promise.all([bot.stop(), floor.stop()]);
    await graph.stop();
  }
}

/** The embedded default: the local Graph in the bot's own process, against the floors' figures of this run. */
async function embedded(w: World, floors: { slack: number; teams: number }): Promise<BenchResult[]> {
  const bot = await startBot(w, 'bot-embedded');
  try {
    const scrapeCost = await statementsPerScrape(bot.url);
    const results: BenchResult[] = [];
    for (const target of [slackTarget(w.slack), teamsTarget(w.teams)]) {
      await runRound(target, bot, WARMUP, CONNECTIONS, 'Warm-up', { scrapeCost });
      const figures = combine([await runRound(target, bot, PER_ROUND, CONNECTIONS, 'Embedded', { scrapeCost })]);
      const floor = floors[target.platform];
      results.push({ name: `${label[target.platform]}, embedded local Graph: meetings per second / floor`, value: figures.rps / floor, unit: 'x', target: 0.5, higherIsBetter: true, floor: 1, note: `${figures.rps.toFixed(0)} meetings/s, ${figures.cpuPerCommand.toFixed(1)} CPU ms per command` });
    }
    return results;
  } finally {
    await bot.stop();
  }
}

/**
 * Idle RSS after start, then 100,000 Slack commands. Resident memory swings by tens of MB between two collections
 * under load (the young generation and freed pages the allocator keeps), so each stretch of 10,000 commands is read
 * at its lowest, sampled four times a second: the level a collection brings it back to, which is what would grow.
 */
async function soak(w: World, bot: Child): Promise<BenchResult[]> {
  const target = slackTarget(w.slack);
  const step = SOAK / 10;
  const lowest: number[] = [];
  const heap: number[] = [];
  // The bot's own heap figure (prom-client's default series) tells a growing heap from memory outside it.
  const heapMb = async (): Promise<number> => seriesTotal(await (await fetch(`${bot.url}/metrics`)).text(), 'nodejs_heap_size_used_bytes') / 2 ** 20;
  await runRound(target, bot, step, CONNECTIONS, 'Soak');
  for (let i = 1; i < 10; i++) {
    let low = bot.rssMb();
    const sampler = setInterval(() => (low = Math.min(low, bot.rssMb())), 250);
    const r = await runRound(target, bot, step, CONNECTIONS, 'Soak');
    clearInterval(sampler);
    lowest.push(Math.min(low, bot.rssMb()));
    heap.push(await heapMb());
    process.stderr.write(`soak: ${(i + 1) * step} commands, RSS ${bot.rssMb().toFixed(0)} MB (lowest in this stretch ${low.toFixed(0)}), ${(r.cards / r.seconds).toFixed(0)} meetings/s\n`);
  }
  const first = lowest[0] ?? 0;
  const stretch = (n: number): string => `${(n * step).toLocaleString('en-US')}`;
  return [
    { name: `RSS at its lowest, commands ${stretch(1)}–${stretch(2)}`, value: first, unit: 'MB' },
    { name: `RSS growth at its lowest, from commands ${stretch(1)}–${stretch(2)} to ${stretch(9)}–${stretch(10)}`, value: (lowest.at(-1) ?? 0) - first, unit: 'MB', target: 20, higherIsBetter: false, note: `lowest RSS of each 10,000: ${lowest.map((m) => m.toFixed(0)).join(', ')} MB; heap used after each ${heap.map((m) => m.toFixed(0)).join(', ')} MB` },
  ];
}

/** The server benchmark. */
export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'meetbot-bench-'));
  const w: World = { dir, slack: await startFakeSlack(), teams: await startFakeConnector() };
  const children: Child[] = [];
  try {
    const graph = await startGraph(w, 'graph');
    children.push(graph);
    const bot = await startBot(w, 'bot', graph.url);
    children.push(bot);
    // Idle is after start-up has settled: on a first start tsx compiles every source, and V8 hands that memory back
    // only when its memory reducer runs, some eight seconds in (146 → 115 MB here; 102 → 95 with compiled sources cached).
    await new Promise((r) => setTimeout(r, 1000));
    const justStarted = bot.rssMb();
    await new Promise((r) => setTimeout(r, IDLE_SETTLE_MS));
    const idle = bot.rssMb();
    const machine: BenchResult = { name: 'cores on this machine', value: cpus().length, unit: 'cores' };
    if (process.env.MEETBOT_BENCH_SOAK) return [machine, { name: 'idle RSS of the bot process (settled after start)', value: idle, unit: 'MB', target: 120, higherIsBetter: false, note: `${justStarted.toFixed(0)} MB 1 s after start` }, ...(await soak(w, bot))];
    const [slackFloor, teamsFloor] = await Promise.all([startFloor(w, 'slack', graph.url), startFloor(w, 'teams', graph.url)]);
    children.push(slackFloor, teamsFloor);
    const slack = await compare(slackTarget(w.slack), bot, slackFloor);
    const teams = await compare(teamsTarget(w.teams), bot, teamsFloor);
    const loaded = bot.rssMb();
    for (const c of children.splice(0)) await c.stop();
    const floors = { slack: combine(slack.floor).rps, teams: combine(teams.floor).rps };
    return [
      machine,
      ...figures('slack', slack),
      ...figures('teams', teams),
      ...(await embedded(w, floors)),
      ...(await overhead(w)),
      { name: 'idle RSS of the bot process (settled after start)', value: idle, unit: 'MB', target: 120, higherIsBetter: false, note: `${justStarted.toFixed(0)} MB 1 s after start, ${loaded.toFixed(0)} MB after the rounds` },
    ];
  } finally {
    for (const c of children) await c.stop();
    await w.slack.close();
    await w.teams.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
