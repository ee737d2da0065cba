// Several meetbot processes on one store, as production runs them: N `meetbot serve` children on one PostgreSQL
// schema (or one SQLite file), a round-robin proxy in front of them, the fake Slack Web API and the fake Bot
// Connector behind them. Commands go in through the proxy like Slack and Teams send them; every answer is counted
// by the command's identity (see Ledger). Instances can be SIGKILLed, SIGTERMed and started again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { dropPgSchema } from '../../adapters/store';
import { FakeSlack, type ApiCall } from '../slack/fake-slack';
import { SECRET, sign } from '../slack/harness';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../teams/helpers/connector';
import { startGraphProxy, type GraphProxy } from './graph-proxy';
import { freePort, Instance } from './instance';
import { Ledger, type Sent } from './ledger';
import { startProxy, type Proxy } from './proxy';
import { appMention, channelMention, slashCommand, TEAMS_MEMBERS } from './deliveries';

/** How to build the cluster. */
export interface ClusterOptions {
  readonly instances: number;
  /** PostgreSQL (DATABASE_URL, a fresh schema) or one SQLite file. */
  readonly store: 'postgres' | 'sqlite';
  /** More env for every instance (MEETBOT_LOCAL_FAULTS, MEETBOT_JOB_LEASE_SECONDS…). */
  readonly env?: Record<string, string>;
  /**
   * Meetings from a separate Graph-compatible process (one more `meetbot serve`, on a SQLite file of its own) through
   * a proxy that tells which instance called; otherwise each instance embeds the local Graph.
   */
  readonly separateGraph?: boolean;
}

/** One kill (or stop) of an instance, and when. */
export interface Stop {
  readonly instance: string;
  readonly at: number;
}

/** The PostgreSQL URL for these tests, or undefined (they skip). */
export const databaseUrl = (): string | undefined => process.env.DATABASE_URL;

/** A running cluster. */
export class Cluster {
  readonly slack = new FakeSlack();
  readonly ledger: Ledger;
  readonly instances: Instance[] = [];
  readonly stops: Stop[] = [];
  /** When each card was posted, by delivery id. */
  readonly cardAt = new Map<string, number>();
  /** Which instance first asked users.info about each invoker (the instance that took the command's first try). */
  readonly firstTry = new Map<string, string>();
  /** When the Bot Connector accepted the first card in each reply chain. */
  readonly teamsCardAt = new Map<string, number>();
  /** Told each Slack Web API call once answered, after the cluster's own bookkeeping. */
  onSlackAnswered?: (call: ApiCall) => void;
  /** Told each Bot Connector POST or PUT once answered. */
  onConnectorAnswered?: (call: ConnectorCall) => void;
  readonly schema: string;
  /** With `separateGraph`: the proxy every Graph call goes through. */
  graph?: GraphProxy;
  private graphInstance?: Instance;
  private dir?: string;
  private n = 0;

  private constructor(
    readonly connector: FakeConnector,
    readonly proxy: Proxy,
    private readonly options: ClusterOptions,
  ) {
    this.ledger = new Ledger(this.slack, connector);
    this.schema = `meetbot_durable_${randomBytes(4).toString('hex')}`;
  }

  /** Starts the fakes, the proxy and every instance. */
  static async start(options: ClusterOptions): Promise<Cluster> {
    const connector = await startFakeConnector(TEAMS_MEMBERS);
    const holder: { cluster?: Cluster } = {};
    const proxy = await startProxy(() => holder.cluster?.instances ?? []);
    const cluster = new Cluster(connector, proxy, options);
    holder.cluster = cluster;
    try {
      await cluster.boot();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  private async boot(): Promise<void> {
    const slack = this.slack;
    slack.addUser({ id: 'UALICE', real_name: 'Alice Johnson', tz: 'America/New_York', locale: 'en-US', email: 'alice@contoso.example' });
    slack.addUser({ id: 'UBOB', real_name: 'Bob Jones', tz: 'Europe/Moscow', locale: 'ru-RU', email: 'bob@contoso.example' });
    slack.afterReply = (call) => {
      if (call.method === 'users.info' && call.tag && !this.firstTry.has(String(call.args.user))) this.firstTry.set(String(call.args.user), call.tag);
      const delivery = (call.args.metadata as { event_payload?: { delivery?: unknown } } | undefined)?.event_payload?.delivery;
      if (call.method === 'chat.postMessage' && typeof delivery === 'string' && !this.cardAt.has(delivery)) this.cardAt.set(delivery, Date.now());
      this.onSlackAnswered?.(call);
    };
    this.connector.afterReply = (call) => {
      if (call.method === 'POST' && Array.isArray(call.activity.attachments) && !this.teamsCardAt.has(call.conversationId)) this.teamsCardAt.set(call.conversationId, Date.now());
      this.onConnectorAnswered?.(call);
    };
    await slack.start();
    const url = databaseUrl();
    if (this.options.store === 'postgres' && !url) throw new Error('DATABASE_URL is not set');
    this.dir = mkdtempSync(join(tmpdir(), 'meetbot-durable-'));
    const storeEnv: Record<string, string> =
      this.options.store === 'postgres' ? { DATABASE_URL: url ?? '', MEETBOT_DB_SCHEMA: this.schema, PGAPPNAME: this.schema } : { MEETBOT_DB: join(this.dir, 'meetbot.db') };
    if (this.options.separateGraph) {
      this.graphInstance = new Instance('graph', await freePort(), { MEETBOT_DB: join(this.dir, 'graph.db') });
      await this.graphInstance.start();
      this.graph = await startGraphProxy(this.graphInstance.url);
    }
    for (let i = 0; i < this.options.instances; i++) {
      const name = `i${i}`;
      const extra = { ...this.options.env, ...(this.graph ? { GRAPH_BASE_URL: this.graph.baseUrl(name) } : {}) };
      this.instances.push(
        new Instance(name, await freePort(), {
          ...storeEnv,
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_BOT_TOKEN: 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy',
          SLACK_API_URL: slack.taggedApiUrl(name),
          MEETBOT_PUBLIC_URL: this.proxy.url,
          ...extra,
        }),
      );
    }
    // The first one alone creates the schema; the others then start side by side.
    const [first, ...rest] = this.instances;
    await first?.start();
    await Promise.all(rest.map((i) => i.start()));
  }

  /** The instance called `name`. */
  instance(name: string): Instance {
    const found = this.instances.find((i) => i.name === name);
    if (!found) throw new Error(`no instance ${name}`);
    return found;
  }

  /** SIGKILLs the instance, noting when. */
  async kill(instance: Instance): Promise<void> {
    this.stops.push({ instance: instance.name, at: Date.now() });
    await instance.kill();
  }

  /** Sends one `/meet` through the proxy (or straight to `to`); resolves once Slack heard back. */
  async slash(to?: readonly Instance[]): Promise<Sent> {
    const n = this.n++;
    const d = slashCommand(n, this.slack);
    const sent = this.ledger.add({ platform: 'slack', id: d.triggerId, where: d.hookPath, channel: d.channel, userId: d.userId, acknowledged: false, sentAt: Date.now() });
    const body = d.body;
    // An ack may carry the answer itself: the explanation that the command could not be taken.
    const post = async (base: string): Promise<boolean> => {
      const answer = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) }, body }).catch(() => undefined);
      const text = answer?.ok ? await answer.text().catch(() => '') : '';
      if (text) sent.ackText = text;
      return answer?.ok ?? false;
    };
    const acks = await Promise.all((to ?? [{ url: this.proxy.url }]).map((i) => post(i.url)));
    sent.acknowledged = acks.some(Boolean);
    return sent;
  }

  /** Sends one app_mention event (to every instance in `to` at once, or through the proxy). */
  async mention(to?: readonly Instance[]): Promise<Sent> {
    const n = this.n++;
    const d = appMention(n);
    const sent = this.ledger.add({ platform: 'slack', id: d.eventId, where: d.channel, acknowledged: false, sentAt: Date.now() });
    const post = (base: string) => fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(d.body) }, body: d.body }).then((r) => r.ok, () => false);
    const acks = await Promise.all((to ?? [{ url: this.proxy.url }]).map((i) => post(i.url)));
    sent.acknowledged = acks.some(Boolean);
    return sent;
  }

  /** Sends one Teams channel message mentioning the bot through the proxy; the Bot Connector tries up to 3 times. */
  async teams(): Promise<Sent> {
    const n = this.n++;
    const d = channelMention(n, this.connector.url);
    const sent = this.ledger.add({ platform: 'teams', id: d.activityId, where: d.conversationId, acknowledged: false, sentAt: Date.now() });
    for (let attempt = 0; attempt < 3 && !sent.acknowledged; attempt++) {
      sent.acknowledged = await fetch(`${this.proxy.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: d.body }).then((r) => r.ok, () => false);
    }
    return sent;
  }

  /** Waits until every acknowledged command has an answer, or `timeoutMs`; true when all did. */
  async settle(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.ledger.settled()) return true;
      await sleep(250);
    }
    return this.ledger.settled();
  }

  /** Milliseconds from the kill of the instance that took each recovered Slack command's first try to its card. */
  recoveryTimes(): number[] {
    const retried = this.ledger.retried();
    const times: number[] = [];
    for (const s of this.ledger.sent) {
      const card = this.cardAt.get(s.id);
      const tookIt = s.userId ? this.firstTry.get(s.userId) : undefined;
      if (!retried.has(s.id) || card === undefined || !tookIt) continue;
      const kill = this.stops.filter((k) => k.instance === tookIt && k.at >= s.sentAt && k.at <= card).at(0);
      if (kill) times.push(card - kill.at);
    }
    return times.sort((a, b) => a - b);
  }

  /**
   * Teams mentions answered twice because an instance was killed in the one window the Bot Connector leaves: after
   * it accepted the card, before the bot recorded the card's id (a retry cannot find it; Teams lists no history to
   * a bot). A kill within `windowMs` after the first card was accepted explains the second.
   */
  teamsWindowDuplicates(windowMs = 250): { id: string; killedAfterMs: number }[] {
    const answers = this.ledger.answers();
    return this.ledger.sent
      .filter((s) => s.platform === 'teams' && (answers.get(s.id)?.length ?? 0) > 1)
      .flatMap((s) => {
        const at = this.teamsCardAt.get(s.where);
        const kill = at === undefined ? undefined : this.stops.find((k) => k.at >= at && k.at - at <= windowMs);
        return at !== undefined && kill ? [{ id: s.id, killedAfterMs: kill.at - at }] : [];
      });
  }

  /** Waits until the job of the delivery `id` is done (PostgreSQL), or `timeoutMs`; true when it is. */
  async jobDone(id: string, timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const rows = await this.sql<{ state: string }>("SELECT state FROM job WHERE name = 'meetbot-command' AND data->'data'->>'key' LIKE '%:' || $1", [id]);
      if (rows.length > 0 && rows.every((r) => r.state === 'completed')) return true;
      await sleep(250);
    }
    return false;
  }

  /** A query on the cluster's PostgreSQL schema. */
  async sql<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    const client = new pg.Client({ connectionString: databaseUrl() });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${this.schema}"`);
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** Every instance's last log lines (for a failing test's message). */
  logs(): string {
    return this.instances.map((i) => `--- ${i.name}\n${i.logs()}`).join('\n');
  }

  /** Kills every instance, closes the fakes and the proxy, drops the schema. Safe after a failed start. */
  async stop(): Promise<void> {
    await Promise.all(this.instances.map((i) => i.kill()));
    await this.graphInstance?.kill();
    await this.graph?.close();
    await this.proxy.close();
    await this.connector.close();
    await this.slack.close();
    const url = databaseUrl();
    if (this.options.store === 'postgres' && url) await dropPgSchema(url, this.schema);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Skips the suite, saying why, when no PostgreSQL is configured. */
export function needsPostgres(ctx: Mocha.Context, what: string): void {
  if (databaseUrl()) return;
  console.log(`    ${what} skipped: DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test).`);
  ctx.skip();
}

/** Runs `send` `count` times spread evenly over `overMs`, without waiting for one before the next; resolves when all did. */
export async function spread<T>(count: number, overMs: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const started = Date.now();
  const all: Promise<T>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * overMs) / count;
    if (due > Date.now()) await sleep(due - Date.now());
    all.push(send(i));
  }
  return Promise.all(all);
}
