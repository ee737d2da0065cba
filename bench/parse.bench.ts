// The command parser: commands per second on a typical mix beside a plain JSON.parse of the same texts, the cost of a
// clarifying question, `parse --jsonl` on 1,000 lines, per-parse p99, and the slowest input a fast-check search finds.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as chrono from 'chrono-node';
import fc from 'fast-check';
import { parseCommand, type ParseContext } from '../src/bot-api';
import { commandText, GRAMMAR_MENTIONS } from '../test/commands/grammar';
import { percentile } from './stats';
import type { BenchResult } from './types';

/** What people type most: instant meetings, times, durations, ranges, mentions, in both languages. */
const MIX = [
  '/meet',
  '/meet now @alice @bob',
  '/meet Design review',
  '/meet tomorrow 15:00 30m Design review @bob',
  '/meet завтра в 15:00 на 30 минут Обзор дизайна @alice @bob',
  '/meet in 2h for 45 minutes Sync',
  '/meet fri 10:00-11:00 "Planning" alice@example.com',
  '/meet в пятницу с 10 до 11 Планирование',
  '/meet at 3pm 1h30 Incident 42 review <@U123|bob>',
  '/meet через полчаса на час Ретро',
  '/meet 1 Dec 10:00 Board meeting',
  '/meet next monday 9am Weekly sync with @alice and @bob',
  '/meet сейчас @мария',
  '/meet help',
  '/meet cancel 42',
  '/meet <at>Alice Smith</at> today 18:00 Quick chat',
];

/** Phrases the bot must ask about (a misspelt day, a second time, stray time words): the clarification path. */
const UNCLEAR = [
  '/meet fridy 3pm Retro',
  '/meet завтро в 10 Ретро',
  '/meet tomorrow at 9 Planning next week',
  '/meet 10:00 Sync 11:00',
  '/meet Retro 2 weeks @alice',
  '/meet сегодня в 15:00 Созвон в 16:00',
  '/meet tommorow 10:00 Sync',
  '/meet the 20th Review',
];

const ctx: ParseContext = {
  now: new Date('2026-11-27T10:00:00Z'),
  timeZone: 'Europe/Berlin',
  locale: 'en',
  defaultDurationMinutes: 30,
  mentions: GRAMMAR_MENTIONS,
};

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

// Per second of this process's CPU time: the machine is shared, and waiting for a core is not the parser's cost.
function throughput(fn: (text: string) => unknown, ms: number, texts: readonly string[] = MIX): number {
  let n = 0;
  const end = performance.now() + ms;
  const cpu0 = cpuMicros();
  while (performance.now() < end) {
    for (const text of texts) fn(text);
    n += texts.length;
  }
  return (n * 1_000_000) / Math.max(1, cpuMicros() - cpu0);
}

// `meetbot parse --jsonl` on 1,000 lines, through the real bin: wall time, start-up included.
function jsonlWallMs(): number {
  const lines = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ text: MIX[i % MIX.length], now: ctx.now.toISOString(), tz: ctx.timeZone })).join('\n');
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [join(__dirname, '../bin/meetbot.js'), 'parse', '--jsonl'], { input: lines, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const ms = performance.now() - t0;
  const answered = child.stdout.split('\n').filter(Boolean).length;
  if (answered !== 1000) throw new Error(`meetbot parse --jsonl answered ${answered} of 1000 lines`);
  return ms;
}

function micros(text: string, repeat: number): number {
  const times: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    parseCommand(text, ctx);
    times.push((performance.now() - t0) * 1000);
  }
  times.sort((a, b) => a - b);
  return percentile(times, 50);
}

/** Runs the parser benchmarks on one core. */
export async function run(): Promise<BenchResult[]> {
  const parse = (text: string) => parseCommand(text, ctx);
  throughput(parse, 500); // warm up the JIT and luxon's caches
  const perSecond = throughput(parse, 2000);
  const chronoRef = { instant: ctx.now, timezone: 60 };
  throughput((text) => chrono.casual.parse(text, chronoRef), 300);
  const chronoPerSecond = throughput((text) => chrono.casual.parse(text, chronoRef), 1000);
  // A plain JSON.parse of the same texts, in the same run: what reading the request alone costs
  const encoded = new Map(MIX.map((text) => [text, JSON.stringify({ text })]));
  throughput((text) => JSON.parse(encoded.get(text) ?? '""'), 300);
  const jsonPerSecond = throughput((text) => JSON.parse(encoded.get(text) ?? '""'), 1000);
  // The question against a normal parse of texts like it: the command each question offers first
  const offered = UNCLEAR.map((text) => {
    const r = parseCommand(text, ctx);
    return (!r.ok && r.suggestions?.[0]) || text;
  });
  throughput(parse, 300, UNCLEAR);
  const unclearPerSecond = throughput(parse, 1000, UNCLEAR);
  const offeredPerSecond = throughput(parse, 1000, offered);
  const slowdown = offeredPerSecond / unclearPerSecond;
  const jsonlMs = jsonlWallMs();

  const samples: number[] = [];
  for (let round = 0; round < 3000; round++) {
    for (const text of MIX) {
      const t0 = performance.now();
      parseCommand(text, ctx);
      samples.push((performance.now() - t0) * 1000);
    }
  }
  samples.sort((a, b) => a - b);
  const p99 = percentile(samples, 99);

  // Search: many generated inputs, each timed once; the worst few re-timed (median of 21) to rule out GC noise.
  const inputs = [
    ...fc.sample(commandText, { numRuns: 4000, seed: 42 }),
    ...fc.sample(fc.string({ unit: 'binary', maxLength: 300 }), { numRuns: 1000, seed: 42 }),
    ...fc.sample(fc.tuple(fc.constantFrom('@a ', '10:00 ', 'Dec 1 ', '1h30 ', '"x" ', 'через '), fc.integer({ min: 100, max: 700 })).map(([u, n]) => u.repeat(n)), { numRuns: 60, seed: 42 }),
  ];
  const firstPass = inputs.map((text) => ({ text, us: micros(text, 1) })).sort((a, b) => b.us - a.us).slice(0, 25);
  const worst = firstPass.map(({ text }) => ({ text, us: micros(text, 21) })).sort((a, b) => b.us - a.us)[0] ?? { text: '', us: 0 };
  const shown = worst.text.length > 80 ? `${JSON.stringify(worst.text.slice(0, 80))}… (${worst.text.length} chars)` : JSON.stringify(worst.text);

  return [
    { name: 'commands parsed per second (typical mix, one core)', value: perSecond, unit: 'ops/s', target: 100_000, higherIsBetter: true, floor: chronoPerSecond, note: 'per CPU-second; floor: chrono-node casual parse of the same texts' },
    { name: 'parse vs plain JSON.parse of the same texts', value: jsonPerSecond / perSecond, unit: '× slower', note: `JSON.parse: ${Math.round(jsonPerSecond).toLocaleString('en-US')}/s in the same run` },
    { name: 'clarifying question vs a normal parse', value: slowdown, unit: '× slower', target: 5, higherIsBetter: false, note: `${Math.round(unclearPerSecond).toLocaleString('en-US')} unclear phrases/s (examples re-parsed) vs ${Math.round(offeredPerSecond).toLocaleString('en-US')}/s for the commands they offer` },
    { name: 'meetbot parse --jsonl, 1,000 lines (wall, start-up included)', value: jsonlMs, unit: 'ms', target: 2000, higherIsBetter: false },
    { name: 'parse latency p99', value: p99, unit: 'µs', target: 100, higherIsBetter: false },
    { name: 'slowest input found (fast-check search)', value: worst.us, unit: 'µs', target: 5000, higherIsBetter: false, note: `${inputs.length} inputs searched; worst: ${shown}` },
  ];
}
