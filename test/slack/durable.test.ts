import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Accepted, Attempt, DurableWork, WorkHandler } from '../../adapters/jobs/durable';
import { createDurableWork } from '../../adapters/jobs/durable';
import { openQueue, type JobQueue } from '../../adapters/jobs/index';
import type { JobData } from '../../adapters/jobs/queue';
import { openStore, type Store } from '../../adapters/store/index';
import { eventually, slashCommand, startHarness, type Harness } from './harness';

/** A DurableWork that records what it is handed and lets the test run each try by hand, as the queue would. */
class HandRun implements DurableWork {
  readonly durable = true;
  readonly accepted: Array<{ delivery: Accepted; kind: string; payload: JobData }> = [];
  failWith?: Error;
  private readonly handlers = new Map<string, WorkHandler>();

  async accept(delivery: Accepted, kind: string, payload: JobData): Promise<boolean> {
    if (this.failWith) throw this.failWith;
    this.accepted.push({ delivery, kind, payload });
    return true;
  }

  handle(kind: string, run: WorkHandler): void {
    this.handlers.set(kind, run);
  }

  /** Runs try `retryCount` of the `i`th accepted delivery. */
  async run(i: number, retryCount: number): Promise<void> {
    const job = this.accepted[i];
    const handler = job && this.handlers.get(job.kind);
    if (!job || !handler) throw new Error(`no accepted work #${i}`);
    const attempt: Attempt = { delivery: { retryCount }, receivedAt: job.delivery.receivedAt, signal: new AbortController().signal };
    // Through JSON, as the queue stores it.
    await handler(JSON.parse(JSON.stringify(job.payload)), attempt);
  }

  async idle(): Promise<void> {}
}

describe('slack adapter: record, then acknowledge', () => {
  let h: Harness;
  let work: HandRun;
  beforeEach(async () => {
    work = new HandRun();
    h = await startHarness({ adapter: { work } });
  });
  afterEach(() => h.close());

  it('records the slash command with what finishing it needs before Slack hears its 200, and runs nothing yet', async () => {
    const res = await h.command(slashCommand(h, { text: 'now Incident', trigger_id: '13345224609.738474920.8088930838d88f008e0' }));
    assert.equal(res.status, 200);
    assert.equal(work.accepted.length, 1);
    const [recorded] = work.accepted;
    assert.equal(recorded?.kind, 'slack.text');
    assert.equal(recorded?.delivery.idempotencyKey, '13345224609.738474920.8088930838d88f008e0');
    assert.deepEqual(recorded?.delivery.conversation.tenantId, 'T0001');
    assert.equal(recorded?.payload.responseUrl, h.slack.hook('commands/T0001/1234/5678'));
    assert.deepEqual(h.slack.of('chat.postMessage'), [], 'the card waits for the job');
  });

  it('posts the card with its delivery in the message metadata', async () => {
    await h.command(slashCommand(h, { text: 'now Incident', trigger_id: '13345224609.738474920.8088930838d88f008e0' }));
    await work.run(0, 0);
    const [post] = h.slack.of('chat.postMessage');
    assert.deepEqual(post?.args.metadata, { event_type: 'meetbot_reply', event_payload: { delivery: '13345224609.738474920.8088930838d88f008e0' } });
  });

  it('finds the card a crashed try posted, by its metadata, and updates it instead of posting a second one', async () => {
    await h.command(slashCommand(h, { text: 'now Incident', trigger_id: '13345224609.738474920.8088930838d88f008e0' }));
    await work.run(0, 0);
    const [first] = h.slack.of('chat.postMessage');
    // The try died after Slack answered and before anything was recorded: the store knows nothing of the post.
    h.store.cards.splice(0);
    h.store.seen.clear();
    await work.run(0, 1);
    assert.equal(h.slack.of('chat.postMessage').length, 1, 'no second card');
    const history = h.slack.of('conversations.history');
    assert.equal(history.length, 1);
    assert.equal(history[0]?.args.include_all_metadata, 'true');
    const [update] = h.slack.of('chat.update');
    assert.equal(update?.args.ts, h.slack.posted.get(String(first?.args.channel))?.[0]?.ts);
    assert.equal(h.store.cards.length, 1, 'the found card is recorded, so it follows the call');
  });

  it('answers the command in the ack when it cannot be recorded, and runs nothing', async () => {
    work.failWith = new Error('connection terminated unexpectedly');
    const res = await h.command(slashCommand(h, { text: 'now Incident' }));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { response_type?: string; text?: string };
    assert.equal(body.response_type, 'ephemeral');
    assert.match(body.text ?? '', /can't take commands right now/);
    assert.deepEqual(h.slack.of('chat.postMessage'), []);
  });

  it('answers Slack 500 for an app mention it cannot record, so Slack delivers it again', async () => {
    work.failWith = new Error('connection terminated unexpectedly');
    const envelope = {
      token: 'x', team_id: 'T0001', api_app_id: 'A0MEETBOT', type: 'event_callback', event_id: 'Ev08MFMKH6', event_time: 1_700_000_000,
      event: { type: 'app_mention', user: 'UALICE', text: '<@UMEETBOT> now Sync', ts: '1700000000.000200', channel: 'C024BE91L', event_ts: '1700000000.000200' },
    };
    const res = await h.event(envelope);
    assert.equal(res.status, 500);
  });
});

describe('slack adapter over the job queue in the SQLite file', () => {
  let dir: string;
  let store: Store;
  let queue: JobQueue;
  let h: Harness;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-durable-'));
    store = await openStore({ kind: 'sqlite', path: join(dir, 'meetbot.db') });
    queue = openQueue(store, { expireInSeconds: 5 });
    await queue.start();
    const work = createDurableWork({ transact: store.transact, seen: (key) => store.hasSeenEvent(key), queue, logger: { debug() {}, info() {}, warn() {}, error() {} }, leaseMs: 5000 });
    h = await startHarness({ adapter: { work } });
    await queue.work('meetbot-command', { concurrency: 4 }, (job) => work.run(job));
  });
  afterEach(async () => {
    await h.close();
    await queue.stop(1000);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes one meeting and one card of a slash command delivered twice, at once and a second apart', async () => {
    const fields = slashCommand(h, { text: 'now Incident', trigger_id: '13345224609.738474920.8088930838d88f008e0' });
    const [a, b] = await Promise.all([h.command(fields), h.command(fields)]);
    assert.deepEqual([a.status, b.status], [200, 200]);
    await eventually(() => h.slack.of('chat.postMessage').length === 1);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await h.command(fields)).status, 200);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(h.slack.of('chat.postMessage').length, 1);
    assert.equal(h.meetings.meetings.size, 1);
  });
});
