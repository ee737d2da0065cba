import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore } from '../../adapters/store';

const size = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

describe('store: write-ahead log checkpoints in the background', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-checkpoint-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never checkpoints inside a commit, and a worker copies the log into the file once it has grown', async function () {
    this.timeout(20_000);
    const path = join(dir, 'meetbot.db');
    const store = await openStore({ kind: 'sqlite', path }, { checkpointInBackground: true });
    try {
      const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.kysely);
      assert.equal(auto.rows[0]?.wal_autocheckpoint, 0);
      const before = size(path);
      // About 6 MB of delivery keys: past SQLite's own threshold of 1,000 pages, none of it checkpointed by a commit.
      for (let i = 0; i < 3000; i++) await store.markEventSeen(`slack:C024BE91L:${i}:${'x'.repeat(2000)}`, new Date());
      assert.equal(size(path), before, 'no commit copied the log into the database file');
      assert.ok(size(`${path}-wal`) > 4_096_000);
      assert.ok(await until(() => size(path) > before + 4_000_000, 10_000), 'the worker checkpointed the log');
      assert.equal(await store.hasSeenEvent(`slack:C024BE91L:2999:${'x'.repeat(2000)}`), true);
    } finally {
      await store.close();
    }
  });

  it('is not started for a store opened without it: SQLite checkpoints in its commits as usual', async () => {
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'meetbot.db') });
    try {
      const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.kysely);
      assert.equal(auto.rows[0]?.wal_autocheckpoint, 1000);
    } finally {
      await store.close();
    }
  });
});
