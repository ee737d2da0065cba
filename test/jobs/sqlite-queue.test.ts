import { strict as assert } from 'node:assert';
// The job queue contract on the SQLite queue, one database file per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../adapters/store';
import { openQueue } from '../../adapters/jobs';
import { queueContract } from './contract';

describe('job queue on SQLite', () => {
  let dir: string;
  let n = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-jobs-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // SQLite only: a job with a free slot starts as it is sent, and one sent beyond the slots starts as an earlier one
  // finishes. The poll is an hour away here, so a job left for it would never run within the test.
  it('starts jobs as they are sent or as slots free up, and a rolled-back send runs nothing', async () => {
    const store = await openStore({ kind: 'sqlite', path: join(dir, `q${n++}.db`) });
    const q = openQueue(store, { pollIntervalMs: 3_600_000 });
    try {
      await q.start();
      const ran: string[] = [];
      await q.work('meetbot-command', { concurrency: 2 }, async (job) => {
        await new Promise((r) => setTimeout(r, 20));
        ran.push((job.data as { n: string }).n);
      });
      for (let i = 0; i < 5; i++) {
        const id = await q.send('meetbot-command', { n: `alone ${i}` });
        q.wake('meetbot-command', id ?? undefined);
      }
      for (let i = 0; i < 3; i++) {
        const id = await store.kysely.transaction().execute((tx) => q.send('meetbot-command', { n: `in a transaction ${i}` }, {}, tx));
        q.wake('meetbot-command', id ?? undefined);
      }
      await store.kysely.transaction().execute(async (tx) => {
        await q.send('meetbot-command', { n: 'rolled back' }, {}, tx);
        throw new Error('the caller gave up');
      }).catch(() => undefined);
      const deadline = Date.now() + 10_000;
      while (ran.length < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual([...ran].sort(), [...[0, 1, 2, 3, 4].map((i) => `alone ${i}`), ...[0, 1, 2].map((i) => `in a transaction ${i}`)].sort());
      assert.equal((await q.stats()).depth['meetbot-command'], 0);
    } finally {
      await q.stop(100);
      await store.close();
    }
  });

  it('removes jobs that finish together with one statement, and none that another try has taken since', async () => {
    const statements: string[] = [];
    const store = await openStore({ kind: 'sqlite', path: join(dir, `q${n++}.db`) }, { onQuery: (e) => void statements.push(e.query.sql) });
    const q = openQueue(store, { pollIntervalMs: 3_600_000 });
    try {
      await q.start();
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started = 0;
      await q.work('meetbot-call-event', { concurrency: 8 }, async () => {
        started++;
        await gate;
      });
      for (let i = 0; i < 6; i++) {
        const id = await q.send('meetbot-call-event', { i });
        q.wake('meetbot-call-event', id ?? undefined);
      }
      while (started < 6) await new Promise((r) => setTimeout(r, 5));
      // A row that looks like one of them taken again by a later try (another started_at) must survive the delete.
      await store.kysely.insertInto('jobs').values({ id: 'f3d1c0de-6b1e-4c55-9f7e-2a4b6c8d0e1f', name: 'meetbot-call-event', data: '{}', state: 'active', retry_count: 1, retry_limit: 3, singleton_key: null, start_after: new Date().toISOString(), started_at: '2030-01-01T00:00:00.000Z', lease_until: '2030-01-01T00:05:00.000Z', created_at: new Date().toISOString(), error: null, expired: 0 }).execute();
      statements.length = 0;
      release();
      const deadline = Date.now() + 5_000;
      while ((await q.stats()).active > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.equal(statements.filter((sql) => /^delete from jobs/i.test(sql)).length, 1, 'one delete for the six');
      const left = await store.kysely.selectFrom('jobs').select('id').execute();
      assert.deepEqual(left.map((r) => r.id), ['f3d1c0de-6b1e-4c55-9f7e-2a4b6c8d0e1f']);
    } finally {
      await q.stop(100);
      await store.close();
    }
  });

  it('runs a job committed in a transaction whose caller never woke the queue, as a retry after a lease', async () => {
    const store = await openStore({ kind: 'sqlite', path: join(dir, `q${n++}.db`) });
    const q = openQueue(store, { pollIntervalMs: 50, expireInSeconds: 1 });
    try {
      await q.start();
      const tries: number[] = [];
      await q.work('meetbot-command', { concurrency: 2 }, async (job) => void tries.push(job.retryCount));
      await store.kysely.transaction().execute((tx) => q.send('meetbot-command', { n: 'forgotten' }, {}, tx));
      const deadline = Date.now() + 10_000;
      while (tries.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(tries, [1], 'taken up again once its lease passed, counted as a retry (it checks for an earlier answer)');
    } finally {
      await q.stop(100);
      await store.close();
    }
  });

  queueContract({
    openStore: () => openStore({ kind: 'sqlite', path: join(dir, `q${n++}.db`) }),
    openQueue: (store, opts) => openQueue(store, { ...opts, pollIntervalMs: 50 }),
    childEnv: (store) => ({ MEETBOT_TEST_DATABASE: JSON.stringify(store.database) }),
  });
});
