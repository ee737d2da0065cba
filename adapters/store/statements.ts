// The statements every command runs, written out: Kysely's builder costs more to assemble and compile an insert with
// a dozen columns than SQLite takes to run it, and these run several times per command. The same text serves SQLite
// and PostgreSQL (`on conflict … excluded` is in both); Kysely still numbers the parameters for each.
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema';

/** Remembers delivery or event `key` as seen at `at`; true when this call wrote it (the first to see it). */
export async function insertSeen(db: Kysely<DB>, key: string, at: string): Promise<boolean> {
  const result = await sql`insert into seen_events (key, seen_at) values (${key}, ${at}) on conflict (key) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0n) > 0;
}

/** A meetings row: the meeting's own columns and its record as JSON. */
export interface MeetingRow {
  readonly id: string;
  readonly organizer_id: string;
  readonly join_url: string;
  readonly status: string;
  readonly starts_at: string;
  readonly ends_at: string;
  readonly record: string;
  readonly updated_at: string;
  readonly version: number;
}

/** Inserts the meeting, or replaces its columns and counts its version up when it is already there. */
export async function upsertMeeting(db: Kysely<DB>, r: MeetingRow): Promise<void> {
  await sql`insert into meetings (id, organizer_id, join_url, status, starts_at, ends_at, record, updated_at, version)
    values (${r.id}, ${r.organizer_id}, ${r.join_url}, ${r.status}, ${r.starts_at}, ${r.ends_at}, ${r.record}, ${r.updated_at}, ${r.version})
    on conflict (id) do update set organizer_id = excluded.organizer_id, join_url = excluded.join_url, status = excluded.status,
      starts_at = excluded.starts_at, ends_at = excluded.ends_at, record = excluded.record, updated_at = excluded.updated_at,
      version = meetings.version + 1`.execute(db);
}

/** A posted_cards row. */
export interface PostedCardRow {
  readonly meeting_id: string;
  readonly card_key: string;
  readonly card: string;
  readonly created_at: string;
}

/** Remembers a posted card; the same message posted again replaces what is known of it. */
export async function upsertPostedCard(db: Kysely<DB>, r: PostedCardRow): Promise<void> {
  await sql`insert into posted_cards (meeting_id, card_key, card, created_at) values (${r.meeting_id}, ${r.card_key}, ${r.card}, ${r.created_at})
    on conflict (meeting_id, card_key) do update set card = excluded.card`.execute(db);
}
