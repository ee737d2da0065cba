// The store: MeetingStore, DirectoryCache and the local meeting service's repo on one database (SQLite or PostgreSQL).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { MeetingRecord, MeetingStore } from '../../src/bot-api';
import type { DatabaseConfig } from '../config';
import type { DirectoryCache } from '../graph/cache';
import type { CallSubscriptionStore } from '../graph/renewer';
import type { LocalGraphRepo } from '../graph/local/repo';
import { callSubscriptionStore } from './call-subscriptions';
import { connect, type ConnectOptions } from './connect';
import { directoryCache } from './directory-cache';
import { localGraphRepo } from './local-graph';
import { meetingStore } from './meetings';
import { migrate } from './migrations';
import { playgroundLog } from './playground';
import type { DB } from './schema';
import { localOriginStore, type LocalOriginStore } from './local-origin';
import { transactionsOn, type Transactions } from './transact';
import type { PlaygroundLog } from '../playground/hub';

export { dropPgSchema, type ConnectOptions } from './connect';

/** Everything meetbot keeps. */
export interface Store extends MeetingStore, DirectoryCache, Transactions {
  /** Persistence for the local meeting service (adapters/graph/local). */
  readonly localGraph: LocalGraphRepo;
  /** Call-event subscriptions being renewed (adapters/graph/renewer.ts). */
  readonly callSubscriptions: CallSubscriptionStore;
  /** The playground's conversations (adapters/playground/hub.ts). */
  readonly playground: PlaygroundLog;
  /** Where `meetbot serve` last served its join pages. */
  readonly localOrigin: LocalOriginStore;
  /** Which database this is. */
  readonly kind: DatabaseConfig['kind'];
  /** The database it was opened on (the job queue connects pg-boss to the same one). */
  readonly database: DatabaseConfig;
  /** The PostgreSQL schema it works in, when one was asked for (pg-boss then keeps its tables there too). */
  readonly pgSchema?: string;
  /** The Kysely instance, for what writes in the store's transactions (the job queue's send). */
  readonly kysely: Kysely<DB>;
  /** Saves a new meeting's record and, in the same transaction, what `also` writes (the job that subscribes to it). */
  saveMeetingWith<T>(record: MeetingRecord, also: (tx: Transaction<DB>) => Promise<T>): Promise<T>;
}

/** Opens the database, migrates it to the latest schema, and returns the store. Throws an Error with a readable message. */
export async function openStore(db: DatabaseConfig, given: ConnectOptions = {}): Promise<Store> {
  const schema = given.pgSchema ?? (db.kind === 'postgres' ? db.schema : undefined);
  const opts: ConnectOptions = { ...given, ...(schema ? { pgSchema: schema } : {}) };
  let kysely;
  try {
    kysely = await connect(db, opts);
    await migrate(kysely, db.kind === 'postgres' ? opts.pgSchema : undefined);
  } catch (err) {
    await kysely?.destroy().catch(() => undefined);
    const where = db.kind === 'sqlite' ? `the SQLite file ${db.path}` : 'the PostgreSQL database in DATABASE_URL';
    throw new Error(`Cannot open ${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const k = kysely;
  const cache = directoryCache(k);
  const transactions = transactionsOn(k, db.kind);
  const meetings = meetingStore(k, db.kind, transactions);
  return {
    kind: db.kind,
    database: db,
    ...(db.kind === 'postgres' && opts.pgSchema ? { pgSchema: opts.pgSchema } : {}),
    kysely: k,
    ...meetings,
    ...transactions,
    saveMeetingWith: (record, also) => transactions.transact(async (tx) => {
      await meetings.saveMeeting(record, tx);
      return also(tx);
    }),
    get: cache.get,
    set: cache.set,
    localGraph: localGraphRepo(k),
    callSubscriptions: callSubscriptionStore(k, transactions),
    playground: playgroundLog(k),
    localOrigin: localOriginStore(k),
    async ping() {
      await sql`select 1`.execute(k);
    },
    async close() {
      await k.destroy();
    },
  };
}
