// `meetbot jobs`, run in this process against a SQLite file a queue wrote stuck and dead jobs into.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openQueue } from '../../adapters/jobs';
import { openStore } from '../../adapters/store';
import { runCli } from './run';

describe('meetbot jobs', () => {
  let dir: string;
  let env: Record<string, string>;
  let deadId: string;
  let waitingId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-jobs-cli-'));
    env = { PATH: process.env.PATH ?? '', HOME: dir, MEETBOT_DB: join(dir, 'meetbot.db') };
    const store = await openStore({ kind: 'sqlite', path: env.MEETBOT_DB ?? '' });
    const queue = openQueue(store, { pollIntervalMs: 20 });
    await queue.start();
    await queue.work('meetbot-subscribe', { concurrency: 1 }, async () => {
      throw new Error('Graph answered 403 Forbidden: the app lacks OnlineMeetings.ReadWrite.All');
    });
    deadId = (await queue.send('meetbot-subscribe', { meetingId: 'MSo1N2Y5ZTQ3' }, { retryLimit: 0 })) ?? '';
    while ((await queue.list('dead')).length === 0) await new Promise((r) => setTimeout(r, 20));
    waitingId = (await queue.send('meetbot-summary', { meetingId: 'MSo1N2Y5ZTQ3' })) ?? '';
    await queue.stop(100);
    await store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists dead jobs with their queue, tries and last error, and jobs waiting past --older-than as stuck', async () => {
    const run = await runCli(['jobs', '--older-than', '0'], env, dir);
    assert.equal(run.code, 0, run.err);
    const [stuckPart, deadPart] = run.out.split('Dead jobs');
    assert.match(stuckPart ?? '', new RegExp(`^${waitingId}\\s+meetbot-summary\\s+queued\\s+1\\s+\\d+s\\s*$`, 'm'));
    assert.match(deadPart ?? '', new RegExp(`^${deadId}\\s+meetbot-subscribe\\s+dead\\s+1\\s+\\d+s\\s+Graph answered 403 Forbidden`, 'm'));
    const fresh = await runCli(['jobs'], env, dir);
    assert.match(fresh.out, /^Stuck jobs: none$/m, 'a job queued a moment ago is not stuck');
  });

  it('queues a dead job again with retry, and says so when there is no such job', async () => {
    const retried = await runCli(['jobs', 'retry', deadId], env, dir);
    assert.equal(retried.code, 0, retried.err);
    assert.match(retried.out, new RegExp(`Job ${deadId} is queued to run again`));
    const after = await runCli(['jobs', '--json'], env, dir);
    const listed = JSON.parse(after.out) as { dead: unknown[] };
    assert.deepEqual(listed.dead, []);
    const missing = await runCli(['jobs', 'retry', '6f1c1e0a-9d2b-4c55-8a43-0e8f2b7d9c10'], env, dir);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no stuck or dead job 6f1c1e0a/);
  });

  it('explains its arguments', async () => {
    const bad = await runCli(['jobs', '--older-than', 'soon'], env, dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--older-than takes a whole number/);
    assert.match(bad.err, /meetbot jobs retry <id>/);
  });
});
