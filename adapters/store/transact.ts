// How the store's writes meet the database. On SQLite every commit appends to the write-ahead log and updates its
// index, which costs more than the small statements it commits; and one writer at a time holds the file anyway. So
// the transactions asked for in one turn of the event loop run as one: each in a savepoint of its own (a failing one
// is rolled back alone, and its caller hears its error), all under one commit, and none resolves before that commit.
// PostgreSQL runs each on its own: its writers work side by side on the pool's connections.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DatabaseConfig } from '../config';
import type { DB } from './schema';

/** The writes of one caller, given the transaction to make them in. */
export type Work<T> = (tx: Transaction<DB>) => Promise<T>;

/** Where the store's writes go. */
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

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Runs each unit in its own savepoint; a failure the savepoint cannot undo (the transaction is gone) fails them all. */
async function runAll(tx: Transaction<DB>, units: readonly Unit[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const unit of units) {
    await sql`savepoint unit`.execute(tx);
    try {
      outcomes.push({ ok: true, value: await unit.work(tx) });
    } catch (error) {
      outcomes.push({ ok: false, error });
      await sql`rollback to unit`.execute(tx);
    }
    await sql`release unit`.execute(tx);
  }
  return outcomes;
}

/** SQLite's: the transactions of one turn under one commit. */
function grouped(db: Kysely<DB>): Transactions {
  let pending: Unit[] = [];
  const flush = async (): Promise<void> => {
    const units = pending;
    pending = [];
    let outcomes: Outcome[];
    try {
      outcomes = await db.transaction().execute((tx) => runAll(tx, units));
    } catch (error) {
      // Not committed: nothing any unit wrote is there.
      for (const unit of units) unit.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? units[i]?.resolve(outcome.value) : units[i]?.reject(outcome.error)));
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
