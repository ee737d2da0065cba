import { strict as assert } from 'node:assert';
import Database from 'better-sqlite3';
import { withStatementCache } from '../../adapters/store/connect';

describe('store: prepared SQLite statements', () => {
  it('prepares each SQL text once and keeps the most recently used within the limit', () => {
    const db = new Database(':memory:');
    const prepare = db.prepare.bind(db);
    const prepared: string[] = [];
    db.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    const cached = withStatementCache(db, 2);
    cached.prepare('create table t (x integer)').run([]);
    const insert = cached.prepare('insert into t (x) values (?)');
    insert.run([1]);
    assert.equal(cached.prepare('insert into t (x) values (?)'), insert);
    cached.prepare('insert into t (x) values (?)').run([2]);
    assert.deepEqual(cached.prepare('select x from t order by x').all([]), [{ x: 1 }, { x: 2 }]);
    // The limit is 2: using the insert keeps it, so the select is the one dropped and prepared again.
    cached.prepare('insert into t (x) values (?)');
    cached.prepare('create table if not exists t (x integer)');
    cached.prepare('insert into t (x) values (?)');
    cached.prepare('select x from t order by x');
    assert.deepEqual(prepared, [
      'create table t (x integer)',
      'insert into t (x) values (?)',
      'select x from t order by x',
      'create table if not exists t (x integer)',
      'select x from t order by x',
    ]);
    cached.close();
    assert.equal(db.open, false);
  });
});
