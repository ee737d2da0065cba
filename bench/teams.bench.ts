// Teams end to end over loopback: channel mentions through the Teams adapter and the real core (in-memory meeting
// service, directory and store) until the fake Bot Connector holds the Adaptive Card, and Action.Execute "Add me"
// round trips; beside botbuilder's CloudAdapter with a bare handler posting one text reply to the same connector.
// Targets were measured on a shared 2-core machine with the load generator, the adapter and the connector in one
// process (six runs, quiet to busy: mention p50 4.0-4.7 ms, p99 10.6-16 ms, 149-248 mentions/s, Add me p50
// 1.8-3.5 ms, p99 6.3-12.4 ms); they leave about 3x room for a busy machine, p99 more (one GC pause doubles it).
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { createBot } from '../src/bot-api';
import { FakeMeetingStore } from '../test/fakes';
import { fakeDirectory, fakeMeetings } from '../test/teams/helpers/core-fakes';
import type { ConnectorCall, FakeConnector } from '../test/teams/helpers/connector';
import { fixture, PEOPLE, startHarness, type Harness } from '../test/teams/helpers/harness';
import { percentile } from './stats';
import type { BenchResult } from './types';

const WARMUP = 50;
const SEQUENTIAL = 500;
const CONCURRENCY = 8;
const CONCURRENT_TOTAL = 800;
/** One phase stops sending after this long, so a slow machine still finishes; the figures say how many were sent. */
const PHASE_BUDGET_MS = 60_000;
/** A reply that has not reached the connector by then is a failure, not a slow sample. */
const ARRIVAL_TIMEOUT_MS = 10_000;
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

type Json = Record<string, unknown>;
type Expect = 'card' | 'any';

/** Resolves when the connector records a message for a conversation, so latency ends where Teams would see it. */
function arrivals(connector: FakeConnector): { wait(conversationId: string, expect: Expect): Promise<ConnectorCall | undefined> } {
  const waiters = new Map<string, { expect: Expect; resolve: (c: ConnectorCall | undefined) => void }>();
  const calls = connector.calls;
  const push = calls.push.bind(calls);
  // The fake only records calls; watching its list is the least intrusive way to see them as they land.
  calls.push = (...items: ConnectorCall[]): number => {
    const n = push(...items);
    for (const c of items) {
      const w = waiters.get(c.conversationId);
      if (!w || c.activity.type !== 'message') continue;
      if (w.expect === 'card' && !cardOf(c.activity)) continue;
      waiters.delete(c.conversationId);
      w.resolve(c);
    }
    // Nothing reads the history here; dropping it keeps memory flat over thousands of messages.
    calls.length = 0;
    return n;
  };
  return {
    wait: (conversationId, expect) =>
      new Promise((resolve) => {
        // A reply that never comes counts as a failure in the figures instead of ending the whole run.
        const timer = setTimeout(() => {
          waiters.delete(conversationId);
          resolve(undefined);
        }, ARRIVAL_TIMEOUT_MS);
        waiters.set(conversationId, {
          expect,
          resolve: (c) => {
            clearTimeout(timer);
            resolve(c);
          },
        });
      }),
  };
}

function cardOf(activity: Json): Json | undefined {
  const attachments = (activity.attachments ?? []) as Array<{ contentType?: string; content?: Json }>;
  return attachments.find((a) => a.contentType === ADAPTIVE)?.content;
}

/** The card's own "Add me" Action.Execute, wherever the card nests it. */
function findAddMe(node: unknown): Json | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findAddMe(n);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const obj = node as Json;
  if (obj.type === 'Action.Execute' && obj.verb === 'meetbot.add_me') return obj;
  return findAddMe(Object.values(obj));
}

let nextId = 1_772_500_000_000;

/** A channel message mentioning the bot and Alice, as Teams delivers it, in its own reply chain. */
function mentionMessage(serviceUrl: string, subject: string): { activity: Json; conversationId: string } {
  const id = String(nextId++);
  const conversationId = `19:general@thread.tacv2;messageid=${id}`;
  const base = fixture('channel-message', serviceUrl);
  const activity = {
    ...base,
    id,
    text: `<at>meetbot</at> now ${subject} <at>Alice</at>\n`,
    attachments: [],
    conversation: { ...(base.conversation as Json), id: conversationId },
    entities: [
      { mentioned: { id: '28:bot-app-id', name: 'meetbot' }, text: '<at>meetbot</at>', type: 'mention' },
      { mentioned: { id: PEOPLE.alice.id, name: 'Alice' }, text: '<at>Alice</at>', type: 'mention' },
      { locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Berlin', type: 'clientInfo' },
    ],
  };
  return { activity, conversationId };
}

async function post(url: string, activity: Json): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

interface Sample {
  readonly ms: number;
  readonly ok: boolean;
}

interface Figures {
  readonly p50: number;
  readonly p99: number;
  readonly rps: number;
  readonly done: number;
  readonly ok: number;
}

/** Runs `one` `total` times from `concurrency` workers, within the phase budget. */
async function drive(total: number, concurrency: number, one: (i: number) => Promise<Sample>): Promise<Figures> {
  const samples: Sample[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total && performance.now() - started < PHASE_BUDGET_MS) samples.push(await one(next++));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const times = samples.map((s) => s.ms).sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), rps: samples.length / seconds, done: samples.length, ok: samples.filter((s) => s.ok).length };
}

/** POST until the expected message reached the connector. */
function messageRoundTrip(url: string, h: Harness, wait: ReturnType<typeof arrivals>['wait'], expect: Expect, subject: string, made?: ConnectorCall[]) {
  return async (): Promise<Sample> => {
    const { activity, conversationId } = mentionMessage(h.connector.url, subject);
    const t0 = performance.now();
    const arrived = wait(conversationId, expect);
    const res = await post(url, activity);
    const call = await arrived;
    const ms = performance.now() - t0;
    if (call) made?.push(call);
    return { ms, ok: res.status === 200 && call !== undefined };
  };
}

/** The floor: CloudAdapter and one text reply per activity; invokes are answered 200 as Teams requires. */
async function bareCloudAdapter(): Promise<{ url: string; close(): Promise<void> }> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const app = express();
  app.post('/api/messages', express.json(), async (req, res) => {
    await adapter.process(req, res, async (ctx: TurnContext) => {
      await ctx.sendActivity('ok');
      if (ctx.activity.type === ActivityTypes.Invoke) {
        await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' } } });
      }
    });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, close: () => new Promise((r) => server.close(() => r())) };
}

let clickIds = 0;

/** Clicks "Add me" as Dave on a card posted in phase one; ok when the answer is the updated card naming him. */
function addMeRoundTrip(url: string, h: Harness, cards: ConnectorCall[], messageIdOf: (meetingId: string) => Promise<string | undefined>) {
  return async (i: number): Promise<Sample> => {
    const posted = cards[i % cards.length] as ConnectorCall;
    const action = findAddMe(cardOf(posted.activity));
    const meetingId = (action?.data as { meetingId?: string } | undefined)?.meetingId ?? '';
    const replyToId = await messageIdOf(meetingId);
    const base = fixture('invoke-action', h.connector.url);
    const activity = {
      ...base,
      // Every click is its own platform event: the core handles a repeated activity id once.
      id: `f:bench-add-me-${clickIds++}`,
      from: { id: PEOPLE.dave.id, name: PEOPLE.dave.name, aadObjectId: PEOPLE.dave.aadObjectId },
      conversation: { ...(base.conversation as Json), id: posted.conversationId },
      ...(replyToId ? { replyToId } : {}),
      value: { action, trigger: 'manual' },
    };
    const t0 = performance.now();
    const res = await post(url, activity);
    const ms = performance.now() - t0;
    const body = res.body as { type?: string; value?: unknown } | undefined;
    return { ms, ok: res.status === 200 && body?.type === ADAPTIVE && JSON.stringify(body.value).includes(PEOPLE.dave.name) };
  };
}

/** The bare invoke floor: the same invoke shape, answered by the bare handler. */
function bareInvoke(url: string, h: Harness, wait: ReturnType<typeof arrivals>['wait']) {
  return async (i: number): Promise<Sample> => {
    const conversationId = `19:general@thread.tacv2;messageid=${nextId++}`;
    const base = fixture('invoke-action', h.connector.url);
    const activity = { ...base, id: `f:bench-bare-${i}`, conversation: { ...(base.conversation as Json), id: conversationId } };
    const t0 = performance.now();
    const arrived = wait(conversationId, 'any');
    const res = await post(url, activity);
    const ms = performance.now() - t0;
    return { ms, ok: res.status === 200 && (await arrived) !== undefined };
  };
}

/** The Teams benchmark. */
export async function run(): Promise<BenchResult[]> {
  const store = new FakeMeetingStore();
  const h = await startHarness(
    ({ messenger, logger }) =>
      createBot({
        meetings: fakeMeetings(),
        directory: fakeDirectory(),
        store,
        messenger,
        logger,
        clock: { now: () => new Date() },
        config: { defaultDurationMinutes: 30, defaultTimeZone: 'UTC', defaultLocale: 'en' },
      }),
    { store },
  );
  const bare = await bareCloudAdapter();
  const { wait } = arrivals(h.connector);
  const messageIdOf = async (meetingId: string): Promise<string | undefined> => (await store.postedCards(meetingId))[0]?.ref.messageId;
  try {
    await drive(WARMUP, 1, messageRoundTrip(bare.url, h, wait, 'any', 'Warm-up'));
    const floorSeq = await drive(SEQUENTIAL, 1, messageRoundTrip(bare.url, h, wait, 'any', 'Floor'));
    const floorPar = await drive(CONCURRENT_TOTAL, CONCURRENCY, messageRoundTrip(bare.url, h, wait, 'any', 'Floor'));
    const floorInvoke = await drive(SEQUENTIAL, 1, bareInvoke(bare.url, h, wait));

    const warm: ConnectorCall[] = [];
    await drive(WARMUP, 1, messageRoundTrip(h.url, h, wait, 'card', 'Warm-up', warm));
    await drive(WARMUP, 1, addMeRoundTrip(h.url, h, warm, messageIdOf));
    const cards: ConnectorCall[] = [];
    const seq = await drive(SEQUENTIAL, 1, messageRoundTrip(h.url, h, wait, 'card', 'Standup', cards));
    const par = await drive(CONCURRENT_TOTAL, CONCURRENCY, messageRoundTrip(h.url, h, wait, 'card', 'Parallel'));
    const invoke = await drive(cards.length, 1, addMeRoundTrip(h.url, h, cards, messageIdOf));

    const note = (f: Figures, what: string): string => `${f.ok}/${f.done} ${what}`;
    return [
      { name: 'mention -> card at connector p50', value: seq.p50, unit: 'ms', target: 15, higherIsBetter: false, floor: floorSeq.p50, note: note(seq, 'sequential channel mentions answered 200 with a card; floor: bare CloudAdapter text reply') },
      { name: 'mention -> card at connector p99', value: seq.p99, unit: 'ms', target: 60, higherIsBetter: false, floor: floorSeq.p99 },
      { name: 'mentions handled per second (8 concurrent senders)', value: par.rps, unit: 'msg/s', target: 80, higherIsBetter: true, floor: floorPar.rps, note: note(par, 'until the card reached the connector') },
      { name: 'mentions answered with a card at the connector', value: seq.ok + par.ok, unit: 'cards', target: SEQUENTIAL + CONCURRENT_TOTAL, higherIsBetter: true, floor: floorSeq.ok + floorPar.ok, note: `${seq.done + par.done} sent within the ${PHASE_BUDGET_MS / 1000} s budget per phase` },
      { name: 'Add me (Action.Execute) round trip p50', value: invoke.p50, unit: 'ms', target: 10, higherIsBetter: false, floor: floorInvoke.p50, note: `${note(invoke, 'clicks by a new attendee')}; includes posting the confirmation; floor: bare handler posts a text and answers 200` },
      { name: 'Add me (Action.Execute) round trip p99', value: invoke.p99, unit: 'ms', target: 50, higherIsBetter: false, floor: floorInvoke.p99 },
      { name: 'Add me answered with the updated card naming the clicker', value: invoke.ok, unit: 'answers', target: SEQUENTIAL, higherIsBetter: true, floor: floorInvoke.ok },
    ];
  } finally {
    await bare.close();
    await h.close();
  }
}
