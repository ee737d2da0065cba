// The job queue's behaviour, run against the SQLite queue and pg-boss by the test files beside it.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Store } from '../../adapters/store';
import type { JobQueue, JobRun, QueueEvent, QueueOptions } from '../../adapters/jobs';

/** What the contract needs from a test file: a fresh database per test, and queue objects (instances) on it. */
export interface QueueHarness {
  /** A new store on a new, empty database. */
  openStore(): Promise<Store>;
  /** A new queue object on `store`'s database: a second call is a second meetbot instance. */
  openQueue(store: Store, opts?: QueueOptions): JobQueue;
  /** What a child process needs to open the same database (see crash-child.ts). */
  childEnv(store: Store): Record<string, string>;
}

/** Short leases and pauses keep the suite quick. */
const FAST: QueueOptions = { expireInSeconds: 2, retryLimit: 2, retryDelaySeconds: 1, retryBackoff: true, maintenanceIntervalSeconds: 1 };
const COMMAND = { conversation: 'C024BE91L', text: 'now @alice', eventId: 'Ev04JKLM5N6P' };

/** Resolves once `check` holds, looking every 25 ms; fails after 20 s. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Registers the queue contract. */
export function queueContract(h: QueueHarness): void {
  let store: Store;
  let queues: JobQueue[];
  const open = async (opts: QueueOptions = {}) => {
    const q = h.openQueue(store, { ...FAST, ...opts });
    queues.push(q);
    await q.start();
    return q;
  };

  beforeEach(async () => {
    store = await h.openStore();
    queues = [];
  });
  afterEach(async () => {
    for (const q of queues) await q.stop(100);
    await store.close();
  });

  it('runs a job once, with its data, on its own queue', async () => {
    const q = await open();
    const runs: JobRun[] = [];
    await q.work('meetbot-command', { concurrency: 2 }, async (job) => void runs.push(job));
    await q.work('meetbot-summary', { concurrency: 1 }, async () => assert.fail('the summary queue has no jobs'));
    const id = await q.send('meetbot-command', COMMAND);
    q.wake('meetbot-command');
    await until(async () => runs.length === 1 && (await q.stats()).active === 0, 'the job ran and finished');
    assert.equal(runs[0]?.id, id);
    assert.deepEqual(runs[0]?.data, COMMAND);
    assert.equal(runs[0]?.retryCount, 0);
    assert.equal(runs[0]?.name, 'meetbot-command');
    const stats = await q.stats();
    assert.equal(stats.depth['meetbot-command'], 0);
    assert.equal(runs.length, 1);
  });

  it('retries a throwing job with growing pauses, then it is dead, listed, and brought back by retry', async () => {
    const q = await open();
    const events: QueueEvent[] = [];
    q.onEvent((e) => events.push(e));
    const tries: number[] = [];
    let healed = false;
    await q.work('meetbot-subscribe', { concurrency: 1 }, async (job) => {
      tries.push(job.retryCount);
      if (!healed) throw new Error('Graph answered 503 Service Unavailable');
    });
    const id = await q.send('meetbot-subscribe', { meetingId: 'MSo1N2Y5ZTQ3' });
    assert.ok(id);
    await until(async () => (await q.list('dead')).length === 1, 'the job is dead');
    assert.deepEqual(tries, [0, 1, 2]);
    assert.deepEqual(events.map((e) => e.type), ['retried', 'retried', 'dead']);
    const [dead] = await q.list('dead');
    assert.equal(dead?.id, id);
    assert.equal(dead?.name, 'meetbot-subscribe');
    assert.equal(dead?.state, 'dead');
    assert.equal(dead?.retryCount, 2);
    assert.match(dead?.error ?? '', /503 Service Unavailable/);
    assert.ok((await q.stats()).dead >= 1);

    healed = true;
    assert.equal(await q.retry(id), true);
    await until(() => tries.length === 4, 'the retried job ran');
    await until(async () => (await q.list('dead')).length === 0 && (await q.stats()).active === 0, 'the job is no longer dead');
    assert.equal(await q.retry('0b5b7a8e-6d0e-4f57-9a39-3a1c2f9e4d11'), false);
  });

  it('queues one job per singleton key while it waits', async () => {
    const q = await open();
    const first = await q.send('meetbot-subscribe', { meetingId: 'A' }, { singletonKey: 'meeting:A' });
    const again = await q.send('meetbot-subscribe', { meetingId: 'A' }, { singletonKey: 'meeting:A' });
    const other = await q.send('meetbot-subscribe', { meetingId: 'B' }, { singletonKey: 'meeting:B' });
    const keyless = [await q.send('meetbot-subscribe', { meetingId: 'C' }), await q.send('meetbot-subscribe', { meetingId: 'C' })];
    assert.ok(first);
    assert.equal(again, null);
    assert.ok(other);
    assert.ok(keyless[0] && keyless[1]);
    assert.equal((await q.stats()).depth['meetbot-subscribe'], 4);
  });

  it('lists a job waiting longer than asked as stuck, and retry makes it due now', async () => {
    const q = await open();
    const id = await q.send('meetbot-call-event', { joinToken: 'tok-19meeting' });
    assert.deepEqual(await q.list('stuck', { olderThanSeconds: 3600 }), []);
    const [stuck] = await q.list('stuck', { olderThanSeconds: 0 });
    assert.equal(stuck?.id, id);
    assert.equal(stuck?.name, 'meetbot-call-event');
    assert.equal(stuck?.state, 'queued');
    assert.equal(stuck?.retryCount, 0);
    assert.equal(await q.retry(id ?? ''), true);
  });

  it('queues a job with the transaction that sends it: nothing when it rolls back, the job when it commits', async () => {
    const q = await open();
    await assert.rejects(store.kysely.transaction().execute(async (tx) => {
      await q.send('meetbot-command', COMMAND, {}, tx);
      throw new Error('the record could not be written');
    }), /could not be written/);
    assert.equal((await q.stats()).depth['meetbot-command'], 0);
    const id = await store.kysely.transaction().execute((tx) => q.send('meetbot-command', COMMAND, {}, tx));
    assert.ok(id);
    assert.equal((await q.stats()).depth['meetbot-command'], 1);
  });

  it('keeps a job with startAfter until its time', async () => {
    const q = await open();
    const startAfter = new Date(Date.now() + 1500);
    let ranAt: number | undefined;
    await q.work('meetbot-summary', { concurrency: 1 }, async () => void (ranAt = Date.now()));
    await q.send('meetbot-summary', { meetingId: 'M1' }, { startAfter });
    q.wake('meetbot-summary');
    await until(() => ranAt !== undefined, 'the job ran');
    assert.ok((ranAt ?? 0) >= startAfter.getTime() - 50, 'ran before its startAfter');
  });

  it('hands a job running at stop back, so another instance runs it again at once', async () => {
    const first = await open();
    let aborted = false;
    let started = false;
    await first.work('meetbot-command', { concurrency: 1 }, (job) => new Promise<void>((_, reject) => {
      started = true;
      job.signal.addEventListener('abort', () => {
        aborted = true;
        reject(new Error('aborted'));
      });
    }));
    const id = await first.send('meetbot-command', COMMAND);
    await until(() => started, 'the first instance took the job');
    await first.stop(200);
    assert.equal(aborted, true);

    const second = await open({ expireInSeconds: 30 });
    const events: QueueEvent[] = [];
    second.onEvent((e) => events.push(e));
    const runs: JobRun[] = [];
    await second.work('meetbot-command', { concurrency: 1 }, async (job) => void runs.push(job));
    await until(() => runs.length === 1, 'the second instance ran the job');
    assert.equal(runs[0]?.id, id);
    assert.equal(runs[0]?.retryCount, 1);
    assert.deepEqual(events, []);
  });

  it('runs a job again on another instance when the one running it was killed', async function () {
    this.timeout(40_000);
    const sender = await open();
    const id = await sender.send('meetbot-command', COMMAND);
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crash-child.ts')], {
      env: { ...process.env, ...h.childEnv(store) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await until(() => out.includes(`running ${id}`) || child.exitCode !== null, 'the child took the job');
      assert.ok(out.includes(`running ${id}`), `the child did not take the job: ${out}`);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }

    const survivor = await open({ expireInSeconds: 30 });
    const events: QueueEvent[] = [];
    survivor.onEvent((e) => events.push(e));
    const runs: JobRun[] = [];
    await survivor.work('meetbot-command', { concurrency: 1 }, async (job) => void runs.push(job));
    await until(() => runs.length === 1, 'the surviving instance ran the job');
    assert.equal(runs[0]?.id, id);
    assert.equal(runs[0]?.retryCount, 1);
    assert.deepEqual(events, [{ type: 'recovered', name: 'meetbot-command' }]);
  });
}
