// The store's writes on SQLite: the transactions of one turn share one commit; should one fail, each runs again alone.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openStore, type Store } from '../../adapters/store';
import { insertSeen } from '../../adapters/store/statements';

const AT = '2026-12-01T15:00:00.000Z';
const key = (n: number): string => `slack:T024BE7LH:C024BE91L:1712345678.00010${n}`;

describe('store: SQLite transactions of one turn under one commit', () => {
  let dir: string;
  let path: string;
  let store: Store;
  let statements: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-transact-'));
    path = join(dir, 'meetbot.db');
    statements = [];
    store = await openStore({ kind: 'sqlite', path }, { onQuery: (e) => void statements.push(e.query.sql.trim().split(/\s+/)[0]?.toLowerCase() ?? '') });
    statements.length = 0;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Which of `keys` another connection to the file sees: what is committed. */
  const committed = (keys: readonly string[]): string[] => {
    const other = new Database(path, { readonly: true });
    try {
      return keys.filter((k) => other.prepare('select 1 from seen_events where key = ?').get(k) !== undefined);
    } finally {
      other.close();
    }
  };

  it('commits the transactions asked for together once, and each caller hears only after that commit', async () => {
    const keys = [key(1), key(2), key(3)];
    const answers = await Promise.all(
      keys.map((k) =>
        store.transact(async (tx) => {
          const first = await insertSeen(tx, k, AT);
          return { first, visible: committed([k]) };
        }),
      ),
    );
    assert.deepEqual(answers.map((a) => a.first), [true, true, true]);
    assert.deepEqual(answers.map((a) => a.visible), [[], [], []], 'not committed while the group runs');
    assert.deepEqual(committed(keys), keys);
    assert.deepEqual(statements.filter((s) => s === 'begin' || s === 'commit'), ['begin', 'commit']);
  });

  it('rolls a failing transaction back alone: its caller hears its error, the others are written, once', async () => {
    const failure = new Error('the second caller changed its mind');
    const outcomes = await Promise.allSettled([
      store.transact((tx) => insertSeen(tx, key(1), AT)),
      store.transact(async (tx) => {
        await insertSeen(tx, key(2), AT);
        throw failure;
      }),
      store.write((db) => insertSeen(db, key(3), AT)),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal(outcomes[1]?.status === 'rejected' && outcomes[1].reason, failure);
    assert.deepEqual(committed([key(1), key(2), key(3)]), [key(1), key(3)]);
    assert.deepEqual(statements.filter((s) => s === 'commit' || s === 'rollback'), ['rollback', 'commit', 'rollback', 'commit'], 'the group, then each alone');
  });

  it('lets a later transaction of the same turn see what an earlier one wrote: one delivery goes through, not two', async () => {
    const [first, second] = await Promise.all([store.transact((tx) => insertSeen(tx, key(1), AT)), store.transact((tx) => insertSeen(tx, key(1), AT))]);
    assert.deepEqual([first, second], [true, false]);
  });

  it('fails only the transaction that breaks the shared one: the others are written on their own', async () => {
    const outcomes = await Promise.allSettled([
      store.transact((tx) => insertSeen(tx, key(1), AT)),
      store.transact(async (tx) => {
        // Ends the shared transaction under the others' feet: nothing can commit it.
        await sql`rollback`.execute(tx);
      }),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected']);
    assert.deepEqual(committed([key(1)]), [key(1)]);
    assert.equal(await store.transact((tx) => insertSeen(tx, key(2), AT)), true, 'the next turn writes again');
  });

  it('runs transactions asked for in later turns in a group of their own', async () => {
    await store.transact((tx) => insertSeen(tx, key(1), AT));
    await store.transact((tx) => insertSeen(tx, key(2), AT));
    assert.equal(statements.filter((s) => s === 'commit').length, 2);
  });
});
