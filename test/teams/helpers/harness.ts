// Drives the Teams adapter over real HTTP: the adapter on 127.0.0.1:0, a fake connector as the serviceUrl.
import express from 'express';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Bot } from '../../../src/bot-api';
import type { Logger, MeetingStore } from '../../../src/meetings/ports';
import { FakeLogger, FakeMeetingStore } from '../../fakes';
import type { TeamsConfig } from '../../../adapters/config';
import { createTeamsAdapter, type TeamsAdapter } from '../../../adapters/teams';
import { startFakeConnector, type FakeConnector, type FakeMember } from './connector';

/** People in the fixtures. */
export const PEOPLE = {
  carol: { id: '29:1carol', name: 'Carol Organizer', aadObjectId: '6f1c0a52-0000-4000-8000-00000000c001', email: 'carol@contoso.com' },
  alice: { id: '29:1alice', name: 'Alice Smith', aadObjectId: '6f1c0a52-0000-4000-8000-00000000a001', email: 'alice@contoso.com' },
  bob: { id: '29:1bob', name: 'Bob Jones', aadObjectId: '6f1c0a52-0000-4000-8000-00000000b001', userPrincipalName: 'bob@contoso.com' },
  dave: { id: '29:1dave', name: 'Dave Other', aadObjectId: '6f1c0a52-0000-4000-8000-00000000d001', email: 'dave@contoso.com' },
} satisfies Record<string, FakeMember>;

/** A fixture activity with its serviceUrl pointed at the fake connector; `patch` overrides top-level fields. */
export function fixture(name: string, serviceUrl: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const raw = JSON.parse(readFileSync(join(__dirname, '../../fixtures/teams', `${name}.json`), 'utf8')) as Record<string, unknown>;
  return { ...raw, serviceUrl, ...patch };
}

/** The running adapter and its fakes. */
export interface Harness {
  readonly url: string;
  readonly connector: FakeConnector;
  readonly adapter: TeamsAdapter;
  readonly store: FakeMeetingStore;
  readonly logger: FakeLogger;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** Starts the adapter (no app id: no auth) in front of `makeBot`. */
export async function startHarness(
  makeBot: (deps: { messenger: TeamsAdapter['messenger']; store: MeetingStore; logger: Logger }) => Bot,
  opts: { config?: TeamsConfig; store?: FakeMeetingStore } = {},
): Promise<Harness> {
  const connector = await startFakeConnector(Object.values(PEOPLE));
  const store = opts.store ?? new FakeMeetingStore();
  const logger = new FakeLogger();
  // The core needs the adapter's messenger and the adapter needs the core: tie the knot through a holder.
  const holder: { bot?: Bot } = {};
  const core = (): Bot => holder.bot as Bot;
  const lazyBot: Bot = {
    handleInvocation: (i, o) => core().handleInvocation(i, o),
    handleAction: (a, o) => core().handleAction(a, o),
    handleCallEvent: (e) => core().handleCallEvent(e),
    readerOf: (...args) => core().readerOf(...args),
    admits: (conversation) => core().admits(conversation),
    explain: (...args) => core().explain(...args),
    checkForm: (...args) => core().checkForm(...args),
    rescheduleForm: (...args) => core().rescheduleForm(...args),
    runTask: (task) => core().runTask(task),
  };
  const adapter = createTeamsAdapter({ bot: lazyBot, logger, ...(opts.config ? { config: opts.config } : {}) });
  holder.bot = makeBot({ messenger: adapter.messenger, store, logger });
  const app = express();
  app.post('/api/messages', adapter.handler);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    url,
    connector,
    adapter,
    store,
    logger,
    async post(activity, headers = {}) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
      const text = await res.text();
      const json = res.headers.get('content-type')?.includes('json');
      return { status: res.status, body: text && json ? (JSON.parse(text) as unknown) : text || undefined };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.close();
    },
  };
}
