// LocalGraphRepo on Kysely, so the local meeting service's meetings, subscriptions and calls outlive a restart and
// are one service for every instance on the same database.
import type { Kysely } from 'kysely';
import type { LocalCallRepo, LocalCallState, StoredReport } from '../graph/local/call-repo';
import type { LocalGraphRepo, LocalMeeting, LocalSubscription } from '../graph/local/repo';
import { fromJson, toJson } from './json';
import type { DB } from './schema';

/**
 * Calls on Kysely. Two instances changing one meeting's call at once are settled by compare-and-set on the version
 * column rather than by a held lock: each write is one UPDATE (or INSERT for the first call) naming the version it
 * read, which PostgreSQL's row lock and SQLite's single writer let exactly one of them win; the loser reads again.
 * Nothing is held while call events are delivered, so a delivery that reaches this same server (whose notification
 * handler reads the store) cannot wait on itself. The ended call's report is written in the same transaction.
 */
function localCallRepo(db: Kysely<DB>): LocalCallRepo {
  return {
    async getCall(meetingId) {
      const row = await db.selectFrom('local_calls').select(['version', 'delivered', 'data']).where('meeting_id', '=', meetingId).executeTakeFirst();
      if (!row) return undefined;
      return { version: Number(row.version), delivered: Number(row.delivered), call: row.data === null ? null : fromJson<LocalCallState>(row.data) };
    },
    async saveCall(meetingId, call, expected, report) {
      const data = call === null ? null : toJson(call);
      return db.transaction().execute(async (trx) => {
        const written =
          expected === 0
            ? (await trx.insertInto('local_calls').values({ meeting_id: meetingId, version: 1, delivered: 0, data }).onConflict((oc) => oc.doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows
            : (await trx.updateTable('local_calls').set({ version: expected + 1, data }).where('meeting_id', '=', meetingId).where('version', '=', expected).executeTakeFirst()).numUpdatedRows;
        if (Number(written ?? 0n) === 0) return false;
        if (report) await trx.insertInto('local_attendance_reports').values({ id: report.id, meeting_id: meetingId, call_version: expected + 1, data: toJson(report) }).execute();
        return true;
      });
    },
    async markDelivered(meetingId, version) {
      await db.updateTable('local_calls').set({ delivered: version }).where('meeting_id', '=', meetingId).where('delivered', '<', version).execute();
    },
    async reportsOf(meetingId, limit) {
      const rows = await db.selectFrom('local_attendance_reports').select('data').where('meeting_id', '=', meetingId).orderBy('call_version', 'desc').limit(limit).execute();
      return rows.map((r) => fromJson<StoredReport>(r.data)).reverse();
    },
  };
}

/** The durable LocalGraphRepo. */
export function localGraphRepo(db: Kysely<DB>): LocalGraphRepo {
  const decode = (row: { data: string } | undefined): LocalMeeting | undefined => (row ? fromJson<LocalMeeting>(row.data) : undefined);
  // The column wins over the JSON: rows written before the column existed were keyed by the migration.
  const decodeSubRow = (row: { data: string; join_token: string }): LocalSubscription => ({ ...fromJson<LocalSubscription>(row.data), joinToken: row.join_token });
  const decodeSub = (row: { data: string; join_token: string } | undefined): LocalSubscription | undefined => (row ? decodeSubRow(row) : undefined);
  return {
    ...localCallRepo(db),
    async createOrGet(meeting) {
      const row = { id: meeting.id, organizer_id: meeting.organizerId, external_id: meeting.externalId, join_token: meeting.joinToken, data: toJson(meeting) };
      const result = await db.insertInto('local_meetings').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0 || meeting.externalId === null) return { meeting, created: true };
      const existing = await db
        .selectFrom('local_meetings')
        .select('data')
        .where('organizer_id', '=', meeting.organizerId)
        .where('external_id', '=', meeting.externalId)
        .executeTakeFirst();
      if (!existing) throw new Error('local meeting insert conflicted but no meeting has that externalId');
      return { meeting: fromJson<LocalMeeting>(existing.data), created: false };
    },
    async get(id) {
      return decode(await db.selectFrom('local_meetings').select('data').where('id', '=', id).executeTakeFirst());
    },
    async findByJoinToken(token) {
      return decode(await db.selectFrom('local_meetings').select('data').where('join_token', '=', token).executeTakeFirst());
    },
    async update(meeting) {
      await db.updateTable('local_meetings').set({ data: toJson(meeting) }).where('id', '=', meeting.id).execute();
    },
    async delete(id) {
      const r = await db.deleteFrom('local_meetings').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async saveSubscription(sub) {
      const columns = { data: toJson(sub), join_token: sub.joinToken, expires_at: sub.expirationDateTime.toISOString() };
      await db.insertInto('local_subscriptions').values({ id: sub.id, ...columns }).onConflict((oc) => oc.column('id').doUpdateSet(columns)).execute();
    },
    async deleteSubscription(id) {
      const r = await db.deleteFrom('local_subscriptions').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async getSubscription(id) {
      return decodeSub(await db.selectFrom('local_subscriptions').select(['data', 'join_token']).where('id', '=', id).executeTakeFirst());
    },
    async listSubscriptions(now) {
      let query = db.selectFrom('local_subscriptions').select(['data', 'join_token']).orderBy('id');
      if (now) query = query.where('expires_at', '>', now.toISOString());
      return (await query.execute()).map(decodeSubRow);
    },
    async subscriptionsFor(joinToken, now) {
      const rows = await db
        .selectFrom('local_subscriptions')
        .select(['data', 'join_token'])
        .where('join_token', '=', joinToken)
        .where('expires_at', '>', now.toISOString())
        .orderBy('id')
        .execute();
      return rows.map(decodeSubRow);
    },
    async pruneSubscriptions(now, limit) {
      // A bounded batch, so one prune never holds the table long; the subquery is plain SQL both databases run.
      const expired = db.selectFrom('local_subscriptions').select('id').where('expires_at', '<=', now.toISOString()).orderBy('expires_at').limit(limit);
      const r = await db.deleteFrom('local_subscriptions').where('id', 'in', expired).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
