// The server benchmark's load: signed Slack /meet commands and Teams channel mentions sent over a fixed number of
// connections, each waiting for its card at the fake platform before sending the next; with what each round cost.
import { createHmac } from 'node:crypto';
import { SLACK_PEOPLE, TEAMS_PEOPLE, type PlatformFake } from './platform-fakes';
import type { Child } from './procs';
import { seriesTotal } from './procs';
import { percentile } from './stats';

/** The Slack signing secret every bot in the benchmark is configured with. */
export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

/** One platform's load: how to send command `i`, and where its card arrives. */
export interface Target {
  readonly platform: 'slack' | 'teams';
  readonly fake: PlatformFake;
  /** Sends command `i` to `url`; resolves with its conversation once acknowledged (its status), after `sent` was called. */
  send(url: string, i: number, subject: string, sent: (conversation: string) => void): Promise<number>;
}

// Node's fetch keeps the load generator's connections alive, as Slack's and Teams' are.
let seq = 0;

/** Slack: a signed /meet slash command to `${url}/slack/events` in a channel of its own. */
export function slackTarget(fake: PlatformFake): Target {
  return {
    platform: 'slack',
    fake,
    async send(url, i, subject, sent) {
      seq += 1;
      const channel = `C0${(2 ** 31 + seq).toString(36).toUpperCase()}`;
      const body = new URLSearchParams({
        token: 'gIkuvaNzQIHg97ATvDxqgjtO', team_id: 'T0001', team_domain: 'contoso', channel_id: channel, channel_name: 'general',
        user_id: SLACK_PEOPLE.alice.id, user_name: 'alice', command: '/meet', text: `now ${subject} ${i} <@${SLACK_PEOPLE.bob.id}>`,
        api_app_id: 'A0MEETBOT', is_enterprise_install: 'false', response_url: `${fake.url}/hooks/commands/T0001/${seq}/b3nch`,
        trigger_id: `13345224609.738474920.${seq.toString(16).padStart(12, '0')}`,
      }).toString();
      const ts = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      sent(channel);
      const res = await fetch(`${url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
        body,
      });
      await res.arrayBuffer();
      return res.status;
    },
  };
}

/** Teams: a channel message mentioning the bot and Bob, in a reply chain of its own, to `${url}/api/messages`. */
export function teamsTarget(fake: PlatformFake): Target {
  return {
    platform: 'teams',
    fake,
    async send(url, i, subject, sent) {
      seq += 1;
      const id = String(1_772_442_000_000 + seq);
      const conversation = `19:2f6a0c1e9b7d4c85a3e1f0b2d4c6e8a0@thread.tacv2;messageid=${id}`;
      const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
      const { alice, bob } = TEAMS_PEOPLE;
      const activity = {
        type: 'message', id, channelId: 'msteams', serviceUrl: `${fake.url}/`, timestamp: new Date().toISOString(), textFormat: 'plain', locale: 'en-US', localTimezone: 'Europe/Berlin',
        text: `<at>meetbot</at> now ${subject} ${i} <at>Bob</at>\n`,
        from: { id: alice.id, name: alice.name, aadObjectId: alice.aadObjectId },
        conversation: { isGroup: true, conversationType: 'channel', tenantId: tenant, id: conversation },
        recipient: { id: '28:9e2bd7c4-6a55-4b1f-8d3c-1f0e2a4b6c8d', name: 'meetbot' },
        entities: [
          { mentioned: { id: '28:9e2bd7c4-6a55-4b1f-8d3c-1f0e2a4b6c8d', name: 'meetbot' }, text: '<at>meetbot</at>', type: 'mention' },
          { mentioned: { id: bob.id, name: 'Bob' }, text: '<at>Bob</at>', type: 'mention' },
          { locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Berlin', type: 'clientInfo' },
        ],
        channelData: { teamsChannelId: '19:2f6a0c1e9b7d4c85a3e1f0b2d4c6e8a0@thread.tacv2', teamsTeamId: '19:5e1f2a3b4c6d@thread.tacv2', channel: { id: '19:2f6a0c1e9b7d4c85a3e1f0b2d4c6e8a0@thread.tacv2' }, team: { id: '19:5e1f2a3b4c6d@thread.tacv2' }, tenant: { id: tenant } },
      };
      sent(conversation);
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      await res.arrayBuffer();
      return res.status;
    },
  };
}

/** What one round measured. */
export interface Round {
  readonly sent: number;
  readonly cards: number;
  readonly seconds: number;
  readonly ackMs: number[];
  readonly cardMs: number[];
  readonly cpuMs: number;
  /** Counted work of the whole round (meetbot rounds; zero for floors except platform calls). */
  readonly work: Work;
}

/** Work counted over a round. */
export interface Work {
  readonly sql: number;
  /** COMMIT statements (a SQLite statement outside a transaction commits too, uncounted). */
  readonly commits: number;
  readonly storeBytes: number;
  readonly graph: number;
  readonly platform: number;
  /** New TCP connections to the fake platform. */
  readonly connections: number;
}

const sum = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

async function scrape(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

/** Waits until a meetbot's job queue has nothing waiting or running (its background work of the round is done). */
async function settled(url: string): Promise<number> {
  let scrapes = 0;
  for (const started = Date.now(); Date.now() - started < 20_000; scrapes++) {
    const m = await scrape(url);
    if (seriesTotal(m, 'meetbot_queue_depth') + seriesTotal(m, 'meetbot_queue_active_jobs') === 0) return scrapes + 1;
    await new Promise((r) => setTimeout(r, 100));
  }
  return scrapes;
}

/** Statements one /metrics scrape itself runs (the queue's gauges read the store), to subtract from a round. */
export async function statementsPerScrape(url: string): Promise<number> {
  const a = seriesTotal(await scrape(url), 'meetbot_store_statements_total');
  const b = seriesTotal(await scrape(url), 'meetbot_store_statements_total');
  return b - a;
}

/** Sends `n` commands over `connections` connections to `child`; `meetbot` rounds also read its counters and wait for its queue. */
export async function runRound(target: Target, child: Child, n: number, connections: number, subject: string, meetbot?: { scrapeCost: number }): Promise<Round> {
  const before = meetbot ? await scrape(child.url) : '';
  const platformBefore = sum(target.fake.calls);
  const connectionsBefore = target.fake.connections();
  const cpuBefore = child.cpuMs();
  const ackMs: number[] = [];
  const cardMs: number[] = [];
  let cards = 0;
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const t0 = performance.now();
      let arrival: Promise<boolean> = Promise.resolve(false);
      const status = await target.send(child.url, i, subject, (conversation) => (arrival = target.fake.cardFor(conversation)));
      ackMs.push(performance.now() - t0);
      if (status === 200 && (await arrival)) {
        cards++;
        cardMs.push(performance.now() - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  const scrapes = meetbot ? await settled(child.url) : (await new Promise((r) => setTimeout(r, 200)), 0);
  const cpuMs = child.cpuMs() - cpuBefore;
  const after = meetbot ? await scrape(child.url) : '';
  const diff = (name: string, label?: string): number => seriesTotal(after, name, label) - seriesTotal(before, name, label);
  ackMs.sort((a, b) => a - b);
  cardMs.sort((a, b) => a - b);
  return {
    sent: n,
    cards,
    seconds,
    ackMs,
    cardMs,
    cpuMs,
    work: {
      sql: meetbot ? diff('meetbot_store_statements_total') - (scrapes + 1) * meetbot.scrapeCost : 0,
      commits: meetbot ? diff('meetbot_store_statements_total', 'kind="commit"') : 0,
      storeBytes: meetbot ? diff('meetbot_store_bytes_written_total') : 0,
      graph: meetbot ? diff('meetbot_graph_request_duration_seconds_count') : 0,
      platform: sum(target.fake.calls) - platformBefore,
      connections: target.fake.connections() - connectionsBefore,
    },
  };
}

/** Rounds taken together: meetings per second, CPU ms per command, ack and card percentiles, work per command. */
export function combine(rounds: readonly Round[]): { rps: number; cpuPerCommand: number; ackP50: number; ackP99: number; cardP50: number; cardP99: number; cards: number; sent: number; work: Work } {
  const sent = rounds.reduce((a, r) => a + r.sent, 0);
  const cards = rounds.reduce((a, r) => a + r.cards, 0);
  const ack = rounds.flatMap((r) => r.ackMs).sort((a, b) => a - b);
  const card = rounds.flatMap((r) => r.cardMs).sort((a, b) => a - b);
  const per = (f: (w: Work) => number): number => rounds.reduce((a, r) => a + f(r.work), 0) / sent;
  return {
    rps: cards / rounds.reduce((a, r) => a + r.seconds, 0),
    cpuPerCommand: rounds.reduce((a, r) => a + r.cpuMs, 0) / sent,
    ackP50: percentile(ack, 50),
    ackP99: percentile(ack, 99),
    cardP50: percentile(card, 50),
    cardP99: percentile(card, 99),
    cards,
    sent,
    work: { sql: per((w) => w.sql), commits: per((w) => w.commits), storeBytes: per((w) => w.storeBytes), graph: per((w) => w.graph), platform: per((w) => w.platform), connections: per((w) => w.connections) },
  };
}
