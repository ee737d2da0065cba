// Drives the Slack adapter like Slack does: signed HTTP requests to the adapter's router, a fake Web API behind it.
import express from 'express';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack';
import type { SlackAdapterOptions } from '../../adapters/slack';
import { createBot } from '../../src/bot';
import type { Bot } from '../../src/bot-api';
import type { Messenger } from '../../src/meetings/ports';
import { castDirectory, FakeLogger, FakeMeetingService, FakeMeetingStore } from '../fakes';
import { FakeSlack } from './fake-slack';

/** The signing secret of the test app. */
export const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

/** Slack's v0 signature headers for `body` at `ts` (seconds). */
export function sign(body: string, ts = Math.floor(Date.now() / 1000), secret = SECRET): Record<string, string> {
  const mac = createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${mac}` };
}

/** A fixture from test/fixtures/slack, with `PORT`-style placeholders replaced. */
export function fixture<T = Record<string, unknown>>(name: string, replace: Record<string, string> = {}): T {
  let raw = readFileSync(join(__dirname, '..', 'fixtures', 'slack', name), 'utf8');
  for (const [from, to] of Object.entries(replace)) raw = raw.split(from).join(to);
  return JSON.parse(raw) as T;
}

/** Everything one test needs. */
export interface Harness {
  readonly slack: FakeSlack;
  readonly adapter: SlackAdapter;
  readonly store: FakeMeetingStore;
  readonly meetings: FakeMeetingService;
  readonly logger: FakeLogger;
  readonly url: string;
  /** POSTs a form-encoded body (slash command), signed. */
  command(fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  /** POSTs a JSON event envelope, signed. */
  event(envelope: unknown, headers?: Record<string, string>): Promise<Response>;
  /** POSTs an interactivity payload (`payload=<json>`), signed. */
  interact(payload: unknown): Promise<Response>;
  /** POSTs a raw body with the given headers (for signature tests). */
  raw(body: string, headers: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** Fake Slack with three people, and a real bot over in-memory fakes (or `bot`) whose messenger reaches the adapter attached later. */
export interface World {
  readonly slack: FakeSlack;
  readonly store: FakeMeetingStore;
  readonly meetings: FakeMeetingService;
  readonly logger: FakeLogger;
  readonly clock: { now(): Date };
  readonly bot: Bot;
  /** The bot needs the adapter's messenger and the adapter needs the bot: the messenger looks the adapter up late. */
  attach(adapter: SlackAdapter): void;
}

/** Starts fake Slack and builds the core around the shared fakes, exactly as production wires it. */
export async function startWorld(opts: { bot?: Bot; allowedTeamIds?: string[] } = {}): Promise<World> {
  const slack = new FakeSlack();
  slack
    .addUser({ id: 'UALICE', real_name: 'Alice Smith', tz: 'America/New_York', locale: 'en-US', email: 'alice@contoso.com' })
    .addUser({ id: 'UBOB', real_name: 'Bob Jones', tz: 'Europe/Moscow', locale: 'ru-RU', email: 'bob@contoso.com' })
    .addUser({ id: 'UCAROL', real_name: 'Carol White', tz: 'Europe/London', locale: 'en-GB', email: 'carol@contoso.com' });
  await slack.start();
  const logger = new FakeLogger();
  const store = new FakeMeetingStore();
  const clock = { now: () => new Date() };
  const meetings = new FakeMeetingService(clock);
  const late: { adapter?: SlackAdapter } = {};
  const messenger: Messenger = { update: (card, view) => (late.adapter ? late.adapter.messenger.update(card, view) : Promise.resolve()) };
  const bot =
    opts.bot ??
    createBot({
      meetings,
      directory: castDirectory(),
      store,
      messenger,
      clock,
      logger,
      config: { defaultDurationMinutes: 30, defaultTimeZone: 'UTC', defaultLocale: 'en', allowedTenants: { slack: opts.allowedTeamIds ?? [] } },
    });
  const attach = (adapter: SlackAdapter) => {
    late.adapter = adapter;
  };
  return { slack, store, meetings, logger, clock, bot, attach };
}

/** Starts fake Slack, a real bot over in-memory fakes (or `bot`), the adapter, and an express server for it. */
export async function startHarness(opts: { bot?: Bot; adapter?: Partial<SlackAdapterOptions>; allowedTeamIds?: string[] } = {}): Promise<Harness> {
  const { slack, store, meetings, logger, clock, bot, attach } = await startWorld(opts);
  const adapter = createSlackAdapter({
    config: { signingSecret: SECRET, botToken: 'xoxb-test-token', apiUrl: slack.apiUrl, allowedTeamIds: opts.allowedTeamIds ?? [] },
    bot,
    logger,
    clock,
    retries: 0,
    ...opts.adapter,
  });
  attach(adapter);
  const app = express();
  app.use(adapter.router);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  const post = (body: string, headers: Record<string, string>) => fetch(url, { method: 'POST', headers, body });
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const h: Harness = {
    slack,
    adapter,
    store,
    meetings,
    logger,
    url,
    command: (fields, headers = {}) => {
      const body = new URLSearchParams(fields).toString();
      return post(body, { ...form, ...sign(body), ...headers });
    },
    event: (envelope, headers = {}) => {
      const body = JSON.stringify(envelope);
      return post(body, { 'content-type': 'application/json', ...sign(body), ...headers });
    },
    interact: (payload) => {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return post(body, { ...form, ...sign(body) });
    },
    raw: post,
    async close() {
      await adapter.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await slack.close();
    },
  };
  return h;
}

/** The slash command fixture with its response_url on fake Slack and `overrides` applied. */
export function slashCommand(h: Pick<Harness, 'slack'>, overrides: Record<string, string> = {}): Record<string, string> {
  const fields = fixture<Record<string, string>>('slash-command.json');
  return { ...fields, response_url: h.slack.hook('commands/T0001/1234/5678'), ...overrides };
}

/** Waits until `check` returns a value (the mocha timeout bounds it). */
export async function eventually<T>(check: () => T | undefined | false): Promise<T> {
  for (;;) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 5));
  }
}
