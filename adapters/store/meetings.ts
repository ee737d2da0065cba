// MeetingStore on Kysely: the same queries for SQLite and PostgreSQL.
import { sql, type Kysely } from 'kysely';
import type { MeetingRecord, MeetingStore, PostedCard } from '../../src/bot-api';
import { fromJson, toJson } from './json';
import type { DB } from './schema';
import { insertSeen, upsertMeeting, upsertPostedCard, type PostedCardRow } from './statements';
import { transactionsOn, type Transactions } from './transact';

const WEEK_MS = 7 * 24 * 3600_000;
const HOUR_MS = 3600_000;

/** Which card a PostedCard is: the same message posted twice is one card. */
function cardKey(card: PostedCard): string {
  const c = card.ref.conversation;
  return `${c.platform}:${c.id}:${card.ref.messageId}`;
}

const cardRow = (card: PostedCard): PostedCardRow => ({ meeting_id: card.meetingId, card_key: cardKey(card), card: toJson(card), created_at: new Date().toISOString() });

/** The MeetingStore methods (ping and close live in index.ts). */
export function meetingStore(db: Kysely<DB>, kind: 'sqlite' | 'postgres' = 'sqlite', { transact, write }: Transactions = transactionsOn(db, kind)): Omit<MeetingStore, 'ping' | 'close' | 'saveMeeting'> & { saveMeeting(record: MeetingRecord, on?: Kysely<DB>): Promise<void> } {
  let lastPrune = 0;
  // The column is the truth about the version; the JSON never carries one.
  const decodeRow = (row: { record: string; version: number }): MeetingRecord => ({ ...fromJson<MeetingRecord>(row.record), version: Number(row.version) });
  const decode = (row: { record: string; version: number } | undefined): MeetingRecord | undefined => (row ? decodeRow(row) : undefined);
  const columns = (record: MeetingRecord) => {
    const { version: _version, ...stored } = record;
    return {
      organizer_id: record.meeting.organizer.id,
      join_url: record.meeting.joinUrl,
      status: record.status,
      starts_at: record.meeting.start.toISOString(),
      ends_at: record.meeting.end.toISOString(),
      record: toJson(stored),
      updated_at: record.updatedAt.toISOString(),
    };
  };

  return {
    async saveMeeting(record, on) {
      const row = { id: record.meeting.id, ...columns(record), version: record.version ?? 0 };
      await (on ? upsertMeeting(on, row) : write((w) => upsertMeeting(w, row)));
    },
    async updateMeeting(record, expectedVersion) {
      // One statement decides: of two writers that read the same version, the row lock lets exactly one match.
      const result = await db
        .updateTable('meetings')
        .set({ ...columns(record), version: expectedVersion + 1 })
        .where('id', '=', record.meeting.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async getMeeting(id) {
      return decode(await db.selectFrom('meetings').select(['record', 'version']).where('id', '=', id).executeTakeFirst());
    },
    async findMeetingByJoinUrl(joinUrl) {
      return decode(await db.selectFrom('meetings').select(['record', 'version']).where('join_url', '=', joinUrl).orderBy('updated_at', 'desc').executeTakeFirst());
    },
    async listUpcoming(organizerId, now, limit) {
      const rows = await db
        .selectFrom('meetings')
        .select(['record', 'version'])
        .where('organizer_id', '=', organizerId)
        .where('status', '=', 'active')
        .where('ends_at', '>', now.toISOString())
        .orderBy('starts_at', 'asc')
        .orderBy('id', 'asc')
        .limit(limit)
        .execute();
      return rows.map(decodeRow);
    },
    async listEndedBetween(from, to, limit) {
      const rows = await db
        .selectFrom('meetings')
        .select(['record', 'version'])
        .where('status', '=', 'active')
        .where('ends_at', '>', from.toISOString())
        .where('ends_at', '<=', to.toISOString())
        .orderBy('ends_at', 'asc')
        .orderBy('id', 'asc')
        .limit(limit)
        .execute();
      return rows.map(decodeRow);
    },
    async addPostedCard(card) {
      await write((w) => upsertPostedCard(w, cardRow(card)));
    },
    async recordAnswer(key, at, card) {
      if (!card) {
        await write((w) => insertSeen(w, key, at.toISOString()));
        return;
      }
      if (kind === 'postgres') {
        // One statement, one round trip: the time between the platform's answer and this record is the window in which
        // a crash makes the retry post again, so it is kept as short as the database allows.
        const row = cardRow(card);
        await sql`with posted as (
            insert into posted_cards (meeting_id, card_key, card, created_at) values (${row.meeting_id}, ${row.card_key}, ${row.card}, ${row.created_at})
            on conflict (meeting_id, card_key) do update set card = excluded.card
          )
          insert into seen_events (key, seen_at) values (${key}, ${at.toISOString()}) on conflict (key) do nothing`.execute(db);
        return;
      }
      await transact(async (tx) => {
        await upsertPostedCard(tx, cardRow(card));
        await insertSeen(tx, key, at.toISOString());
      });
    },
    async postedCards(meetingId) {
      const rows = await db.selectFrom('posted_cards').select('card').where('meeting_id', '=', meetingId).orderBy('created_at', 'asc').orderBy('card_key', 'asc').execute();
      return rows.map((r) => fromJson<PostedCard>(r.card));
    },
    async markEventSeen(key, at) {
      // One statement decides: of two concurrent retries, exactly one inserts the row.
      const first = await write((w) => insertSeen(w, key, at.toISOString()));
      if (at.getTime() - lastPrune > HOUR_MS) {
        lastPrune = at.getTime();
        // Platforms retry within minutes; a week of memory is plenty.
        await db.deleteFrom('seen_events').where('seen_at', '<', new Date(at.getTime() - WEEK_MS).toISOString()).execute();
      }
      return first;
    },
    async hasSeenEvent(key) {
      return (await db.selectFrom('seen_events').select('key').where('key', '=', key).executeTakeFirst()) !== undefined;
    },
  };
}
