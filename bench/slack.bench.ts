// Ack latency of signed /meet slash commands through the Slack adapter, beside a bare node:http handler doing the same HMAC.
import express from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackAdapter } from '../adapters/slack';
import type { Bot } from '../src/bot-api';
import type { Logger } from '../src/bot-api';
import { stubBot } from '../test/fakes';
import { percentile } from './stats';
import type { BenchResult } from './types';

const SECRET = 'bench-signing-secret';
const N = 1500;
const WARMUP = 200;

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function signedBody(i: number): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({ team_id: 'T1', user_id: 'U1', channel_id: 'C1', command: '/meet', text: 'now', trigger_id: `t${i}`, response_url: 'http://127.0.0.1:9/hook' }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig } };
}

async function measure(url: string): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + N; i++) {
    const { body, headers } = signedBody(i);
    const t0 = process.hrtime.bigint();
    const res = await fetch(url, { method: 'POST', headers, body });
    await res.arrayBuffer();
    if (i >= WARMUP) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** The bare floor: read the body, check the HMAC, answer 200. */
function bareServer(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const expected = Buffer.from(`v0=${createHmac('sha256', SECRET).update(`v0:${String(req.headers['x-slack-request-timestamp'])}:${body}`).digest('hex')}`);
      const given = Buffer.from(String(req.headers['x-slack-signature']));
      res.statusCode = expected.length === given.length && timingSafeEqual(expected, given) ? 200 : 401;
      res.end();
    });
  });
}

/** Ack latency p50/p99 of the adapter and of the bare floor. */
export async function run(): Promise<BenchResult[]> {
  const api = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url?.includes('auth.test') ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT' } : { ok: true, ts: '1.1', user: { id: 'U1' } }));
  });
  const apiUrl = `${await listen(api)}/api/`;
  // The core's work is not what this measures: the bot answers nothing, so only the ack path remains.
  const bot: Bot = stubBot({ handleInvocation: async () => undefined, handleAction: async () => ({}), handleCallEvent: async () => undefined });
  const adapter = createSlackAdapter({ config: { signingSecret: SECRET, botToken: 'xoxb-bench', apiUrl, allowedTeamIds: [] }, bot, logger: quiet, retries: 0 });
  const app = express();
  app.use(adapter.router);
  const server = createServer(app);
  const url = `${await listen(server)}/slack/events`;
  const bare = bareServer();
  const bareUrl = await listen(bare);
  try {
    const floor = await measure(bareUrl);
    const ours = await measure(url);
    await adapter.idle();
    return [
      { name: 'slack /meet ack p50', value: ours.p50, unit: 'ms', target: 50, higherIsBetter: false, floor: floor.p50, note: `${N} signed requests, loopback, sequential` },
      { name: 'slack /meet ack p99', value: ours.p99, unit: 'ms', target: 300, higherIsBetter: false, floor: floor.p99, note: 'Slack allows 3000 ms' },
    ];
  } finally {
    await adapter.stop();
    for (const s of [server, bare, api]) await new Promise((r) => s.close(r));
  }
}
