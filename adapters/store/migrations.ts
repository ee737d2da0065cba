// Schema migrations, in code (no files on disk), run by Kysely's Migrator at open. Append; never edit a shipped one.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('meetings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organizer_id', 'text', (c) => c.notNull())
      .addColumn('join_url', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('meetings_organizer_ends').on('meetings').columns(['organizer_id', 'ends_at']).execute();
    await db.schema.createIndex('meetings_join_url').on('meetings').column('join_url').execute();

    await db.schema
      .createTable('posted_cards')
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('card_key', 'text', (c) => c.notNull())
      .addColumn('card', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('posted_cards_pk', ['meeting_id', 'card_key'])
      .execute();

    await db.schema
      .createTable('seen_events')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('seen_events_seen_at').on('seen_events').column('seen_at').execute();

    await db.schema
      .createTable('directory_cache')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text')
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('local_meetings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organizer_id', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('join_token', 'text', (c) => c.notNull().unique())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    // NULL external ids never collide, in SQLite and PostgreSQL alike, so plain creates are unconstrained.
    await db.schema.createIndex('local_meetings_external').on('local_meetings').columns(['organizer_id', 'external_id']).unique().execute();

    await db.schema
      .createTable('local_subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['local_subscriptions', 'local_meetings', 'directory_cache', 'seen_events', 'posted_cards', 'meetings']) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};

const callSubscriptions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('call_subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('join_url', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('meeting_ends_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('call_subscriptions_expires').on('call_subscriptions').column('expires_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('call_subscriptions').ifExists().execute();
  },
};

/** Every migration, by name (applied in name order). */
export const MIGRATIONS: Record<string, Migration> = { '2026_001_initial': initial, '2026_002_call_subscriptions': callSubscriptions };

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/**
 * Brings the schema up to date; throws an Error naming the failed migration. With a PostgreSQL `schema`, the
 * migration bookkeeping lives there too (Kysely otherwise finds another schema's tables and gets confused).
 */
export async function migrate<T>(db: Kysely<T>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
