// Opens Kysely on SQLite (better-sqlite3, WAL) or PostgreSQL (a pg Pool), per DatabaseConfig.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent, type SqliteDatabase } from 'kysely';
import type { DatabaseConfig } from '../config';
import { startCheckpointer, type Checkpointer } from './checkpointer';
import type { DB } from './schema';

/** Extra connection options. */
export interface ConnectOptions {
  /** PostgreSQL schema to work in (created when missing); tests use one per run. Default: the server's search_path. */
  readonly pgSchema?: string;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
  /** Called after every statement (work counting); absent, Kysely logs nothing and pays nothing. */
  readonly onQuery?: (event: LogEvent) => void;
  /** A SQLite file: checkpoint its write-ahead log in a worker thread instead of inside commits (the server does). */
  readonly checkpointInBackground?: boolean;
}

/** How many prepared SQLite statements are kept; the store's queries are a few dozen distinct texts. */
const STATEMENT_CACHE_SIZE = 200;

/**
 * better-sqlite3 as Kysely sees it, with prepared statements kept by SQL text: Kysely prepares every query afresh,
 * and preparing costs about as much as running. Safe because Kysely runs one query at a time on SQLite (a mutex),
 * and SQLite re-prepares a kept statement by itself after a schema change.
 */
export function withStatementCache(db: Database.Database, size = STATEMENT_CACHE_SIZE, onClose?: () => void): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => {
      onClose?.();
      db.close();
    },
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // Re-inserting keeps the map in least-recently-used order.
        statements.delete(sql);
      } else {
        statement = db.prepare(sql);
        if (statements.size >= size) {
          const oldest = statements.keys().next();
          if (!oldest.done) statements.delete(oldest.value);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/** The pg driver, loaded on first use: a SQLite deployment never pays its memory (about 13 MB with its types). */
function pgDriver(): typeof import('pg') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('pg') as typeof import('pg');
}

/** SQLite's page cache per connection, in KiB. */
const PAGE_CACHE_KIB = 4096;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** SQLite's own threshold for checkpointing inside a commit, in log pages. */
const AUTOCHECKPOINT_PAGES = 1000;

/** Hands checkpoints to a worker thread; should it fail, SQLite checkpoints inside commits again, as by default. */
function checkpointsInBackground(sqlite: Database.Database, path: string): Checkpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  // A checkpoint that catches up lets the log start over; this caps the file it leaves behind (bytes).
  sqlite.pragma('journal_size_limit = 16777216');
  return startCheckpointer(path, () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  });
}

/** Runs one statement on a connection of its own (schema DDL, before or after the pool exists). */
async function runOnce(url: string, statement: string): Promise<void> {
  const client = new (pgDriver().Client)({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A Kysely instance for `config`; SQLite folders are created, PostgreSQL schemas too. */
export async function connect(config: DatabaseConfig, opts: ConnectOptions = {}): Promise<Kysely<DB>> {
  if (config.kind === 'sqlite') {
    if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
    const sqlite = new Database(config.path);
    // WAL lets readers run beside the writer; the busy timeout waits for a lock instead of failing at once.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // better-sqlite3 builds SQLite with a 16 MB page cache, which fills as the file grows and is never given back: the
    // bot's hot pages (recent meetings, the queue, the newest delivery keys) fit in a quarter of it, and the OS
    // caches the file itself.
    sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    const checkpointer = opts.checkpointInBackground && config.path !== ':memory:' ? checkpointsInBackground(sqlite, config.path) : undefined;
    const database = withStatementCache(sqlite, STATEMENT_CACHE_SIZE, () => void checkpointer?.stop());
    return new Kysely<DB>({ dialect: new SqliteDialect({ database }), ...(opts.onQuery ? { log: opts.onQuery } : {}) });
  }
  if (opts.pgSchema !== undefined && !SCHEMA_NAME.test(opts.pgSchema)) {
    throw new Error(`PostgreSQL schema name "${opts.pgSchema}" must be lower-case letters, digits and underscores`);
  }
  if (opts.pgSchema) await runOnce(config.url, `CREATE SCHEMA IF NOT EXISTS "${opts.pgSchema}"`);
  const pool = new (pgDriver().Pool)({
    connectionString: config.url,
    max: opts.poolSize ?? 10,
    ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
  });
  // An idle connection the server drops (a restart, pg_terminate_backend) is reported here; unheard it would end the
  // process. The pool replaces it, and the query that meets a dead connection fails and is retried by its job.
  pool.on('error', () => undefined);
  // The pool listens only to idle connections: one held by a transaction between two statements would end the
  // process when cut. Heard here, the statement that meets it fails instead, and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...(opts.onQuery ? { log: opts.onQuery } : {}) });
}

/** Drops a PostgreSQL schema and everything in it (test clean-up). */
export async function dropPgSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`bad schema name ${schema}`);
  await runOnce(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
