// Schema migrations, in code (no files on disk), run by Kysely's Migrator at open. Append; never edit a shipped one.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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

// Optimistic concurrency: several server instances may change one meeting; each write names the version it read.
const meetingVersions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('meetings').addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('meetings').dropColumn('version').execute();
  },
};

/** The join token in a meetingCallEvents resource, as the local service named it when this migration shipped. */
function joinTokenOfResource(resource: string): string {
  const url = /joinWebUrl='(.+)'\)/i.exec(resource)?.[1] ?? '';
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // not encoded: the raw value is the URL
  }
  const at = decoded.indexOf('/local/meetings/');
  return at < 0 ? '' : (decoded.slice(at + '/local/meetings/'.length).split(/[/?#]/)[0] ?? '');
}

// Call events look subscriptions up by meeting instead of reading them all; expired ones can be pruned by expiry.
const localSubscriptionKeys: Migration = {
  async up(db: Kysely<unknown>) {
    // Defaults of '' sort before every time: a row the backfill missed counts as expired and is pruned.
    await db.schema.alterTable('local_subscriptions').addColumn('join_token', 'text', (c) => c.notNull().defaultTo('')).execute();
    await db.schema.alterTable('local_subscriptions').addColumn('expires_at', 'text', (c) => c.notNull().defaultTo('')).execute();
    const k = db as Kysely<{ local_subscriptions: { id: string; data: string; join_token: string; expires_at: string } }>;
    const rows = await k.selectFrom('local_subscriptions').select(['id', 'data']).execute();
    for (const row of rows) {
      const data = JSON.parse(row.data) as { resource?: unknown; expirationDateTime?: { $date?: unknown } };
      const expires = typeof data.expirationDateTime?.$date === 'string' ? data.expirationDateTime.$date : '';
      const token = typeof data.resource === 'string' ? joinTokenOfResource(data.resource) : '';
      await k.updateTable('local_subscriptions').set({ join_token: token, expires_at: expires }).where('id', '=', row.id).execute();
    }
    await db.schema.createIndex('local_subscriptions_token').on('local_subscriptions').columns(['join_token', 'expires_at']).execute();
    await db.schema.createIndex('local_subscriptions_expires').on('local_subscriptions').column('expires_at').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('local_subscriptions_expires').ifExists().execute();
    await db.schema.dropIndex('local_subscriptions_token').ifExists().execute();
    await db.schema.alterTable('local_subscriptions').dropColumn('expires_at').execute();
    await db.schema.alterTable('local_subscriptions').dropColumn('join_token').execute();
  },
};

// Each call-event subscription carries its own clientState secret, stored here (before, one secret derived from
// configured credentials served them all, so rotating a credential broke every subscription). Rows from before stay
// NULL: that old secret is not recomputed, so their notifications are refused, and the renewer, which checks at start,
// replaces each of them with a new subscription and a fresh secret, then deletes the old one on Graph.
const callSubscriptionSecrets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('call_subscriptions').addColumn('client_state', 'text').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('call_subscriptions').dropColumn('client_state').execute();
  },
};

// The playground's chat history, one row per message (updated in place when its card changes).
const playgroundMessages: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('playground_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('conversation', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('playground_messages_conversation').on('playground_messages').columns(['conversation', 'seq']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('playground_messages').execute();
  },
};

// One row: the origin the running server's join pages are served at (`meetbot meet` prints its links there).
const localOrigin: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('local_origin')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('local_origin').execute();
  },
};

// The local meeting service's calls and attendance reports, shared by every instance on the database.
const localCalls: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('local_calls')
      .addColumn('meeting_id', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('data', 'text')
      .addColumn('last_report_id', 'text')
      .execute();
    await db.schema
      .createTable('local_attendance_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('meeting_id', 'text', (c) => c.notNull())
      .addColumn('previous_id', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('local_attendance_reports_meeting').on('local_attendance_reports').column('meeting_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('local_attendance_reports').ifExists().execute();
    await db.schema.dropTable('local_calls').ifExists().execute();
  },
};

// The SQLite job queue's table (adapters/jobs/sqlite-queue.ts). PostgreSQL runs pg-boss instead; the table is
// created there too, empty, so both databases keep one migration history.
const jobs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('retry_count', 'integer', (c) => c.notNull())
      .addColumn('retry_limit', 'integer', (c) => c.notNull())
      .addColumn('singleton_key', 'text')
      .addColumn('start_after', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('expired', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('jobs_fetch').on('jobs').columns(['name', 'state', 'start_after']).execute();
    // One waiting or running job per singleton key; finished ones are deleted and dead ones do not hold their key.
    await sql`create unique index jobs_singleton on jobs (name, singleton_key) where singleton_key is not null and state in ('queued', 'retry', 'active')`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('jobs').ifExists().execute();
  },
};

// Local meetings found by their meeting ID too: the Calls API joins a meeting by `joinMeetingIdMeetingInfo`.
const ring: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('local_meetings').addColumn('join_meeting_id', 'text').execute();
    const k = db as Kysely<{ local_meetings: { id: string; data: string; join_meeting_id: string | null } }>;
    const rows = await k.selectFrom('local_meetings').select(['id', 'data']).execute();
    for (const row of rows) {
      const data = JSON.parse(row.data) as { joinMeetingId?: unknown };
      if (typeof data.joinMeetingId === 'string') await k.updateTable('local_meetings').set({ join_meeting_id: data.joinMeetingId }).where('id', '=', row.id).execute();
    }
    await db.schema.createIndex('local_meetings_join_meeting_id').on('local_meetings').column('join_meeting_id').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('local_meetings_join_meeting_id').ifExists().execute();
    await db.schema.alterTable('local_meetings').dropColumn('join_meeting_id').execute();
  },
};

// The SQLite queue's claim takes the oldest due jobs of one queue: an index in that order, over waiting jobs only,
// spares it a sort of the whole backlog at each claim. It replaces jobs_fetch, which every send, claim and finish
// kept up to date for lookups the table is small enough to do without. (The table is empty on PostgreSQL.)
const jobsDue: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create index jobs_due on jobs (name, created_at, id) where state in ('queued', 'retry')`.execute(db);
    await db.schema.dropIndex('jobs_fetch').ifExists().execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.createIndex('jobs_fetch').ifNotExists().on('jobs').columns(['name', 'state', 'start_after']).execute();
    await db.schema.dropIndex('jobs_due').ifExists().execute();
  },
};

/** Every migration, by name (applied in name order). */
export const MIGRATIONS: Record<string, Migration> = {
  '2026_001_initial': initial,
  '2026_002_call_subscriptions': callSubscriptions,
  '2026_003_meeting_versions': meetingVersions,
  '2026_004_local_subscription_keys': localSubscriptionKeys,
  '2026_005_call_subscription_secrets': callSubscriptionSecrets,
  '2026_006_playground_messages': playgroundMessages,
  '2026_007_local_origin': localOrigin,
  '2026_008_local_calls': localCalls,
  '2026_009_jobs': jobs,
  '2026_011_ring': ring,
  '2026_012_jobs_due': jobsDue,
};

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
