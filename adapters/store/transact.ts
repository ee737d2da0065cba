// How the store's writes meet the database. On SQLite every commit appends to the write-ahead log and updates its
// index, which costs more than the small statements it commits; and one writer at a time holds the file anyway. So
// the transactions asked for in one turn of the event loop run as one, under one commit, and none resolves before
// that commit. Should any of them fail, the whole group is rolled back and each runs again on its own, so a failing
// one fails alone and its caller hears its own error (failures are rare: a full disk, a bug). PostgreSQL runs each
// on its own: its writers work side by side on the pool's connections.
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseConfig } from '../config';
import type { DB } from './schema';

/** The writes of one caller, given the transaction to make them in. */
export type Work<T> = (tx: Transaction<DB>) => Promise<T>;

/**
 * Where the store's writes go. A unit's work writes through the `tx` it is given, never through the store's own
 * methods: on SQLite those would wait for a commit that waits for them.
 */
export interface Transactions {
  /** Runs `work` in a transaction (on SQLite, with the others asked for in this turn, under one commit). */
  transact<T>(work: Work<T>): Promise<T>;
  /** One statement's worth of writing: on SQLite grouped as `transact` is; on PostgreSQL as it is, in no transaction. */
  write<T>(work: (db: Kysely<DB>) => Promise<T>): Promise<T>;
}

interface Unit {
  readonly work: Work<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

/** SQLite's: the transactions of one turn under one commit. */
function grouped(db: Kysely<DB>): Transactions {
  let pending: Unit[] = [];
  const flush = async (): Promise<void> => {
    const units = pending;
    pending = [];
    let values: unknown[];
    try {
      values = await db.transaction().execute(async (tx) => {
        const out: unknown[] = [];
        for (const unit of units) out.push(await unit.work(tx));
        return out;
      });
    } catch (error) {
      const [only] = units;
      if (units.length === 1 && only) return only.reject(error);
      // Rolled back, all of them: each runs again in a transaction of its own, so each caller hears its own outcome.
      for (const unit of units) await db.transaction().execute(unit.work).then(unit.resolve, unit.reject);
      return;
    }
    units.forEach((unit, i) => unit.resolve(values[i]));
  };
  const transact = <T>(work: Work<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // After the turn's I/O callbacks: the requests that arrived together are recorded together.
      if (pending.length === 1) setImmediate(() => void flush());
    });
  return { transact, write: transact };
}

/** The store's transactions on `kind`'s database. */
export function transactionsOn(db: Kysely<DB>, kind: DatabaseConfig['kind']): Transactions {
  if (kind === 'sqlite') return grouped(db);
  return { transact: (work) => db.transaction().execute(work), write: (work) => work(db) };
}
