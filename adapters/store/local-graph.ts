// LocalGraphRepo on Kysely, so the local meeting service's meetings, subscriptions and calls outlive a restart and
// are one service for every instance on the same database.
import type { Kysely } from 'kysely';
import type { LocalCallRepo, LocalCallState, StoredReport } from '../graph/local/call-repo';
import type { LocalGraphRepo, LocalMeeting, LocalSubscription } from '../graph/local/repo';
import { fromJson, toJson } from './json';
import type { DB } from './schema';

/**
 * Calls on Kysely. Two instances changing one meeting's call at once are settled by compare-and-set on the version
 * column rather than by a held lock: the write is one UPDATE (or INSERT for the first call) naming the version it
 * read, which PostgreSQL's row lock and SQLite's single writer let exactly one of them win; the loser reads again.
 * Every write is a statement of its own, never a transaction held across awaits: two SQLite connections in one
 * process (two instances in a test, or a store beside the CLI's) would otherwise block the thread the other's commit
 * needs, and nothing is held while call events are delivered to a server that reads this same store.
 * An ended call's report is written first, naming the report before it, and counts only once the winning write makes
 * it the row's last_report_id: the reports of a meeting are the chain from there, so a losing or crashed write's
 * report is never listed.
 */
function localCallRepo(db: Kysely<DB>): LocalCallRepo {
  const row = (meetingId: string) => db.selectFrom('local_calls').select(['version', 'delivered', 'data', 'last_report_id']).where('meeting_id', '=', meetingId).executeTakeFirst();
  return {
    async getCall(meetingId) {
      const r = await row(meetingId);
      if (!r) return undefined;
      return { version: Number(r.version), delivered: Number(r.delivered), call: r.data === null ? null : fromJson<LocalCallState>(r.data) };
    },
    async saveCall(meetingId, call, expected, report) {
      const data = call === null ? null : toJson(call);
      const read = expected === 0 ? undefined : await row(meetingId);
      if (expected !== 0 && Number(read?.version ?? 0) !== expected) return false;
      const head = report ? report.id : (read?.last_report_id ?? null);
      if (report) await db.insertInto('local_attendance_reports').values({ id: report.id, meeting_id: meetingId, previous_id: read?.last_report_id ?? null, data: toJson(report) }).execute();
      const written =
        expected === 0
          ? (await db.insertInto('local_calls').values({ meeting_id: meetingId, version: 1, delivered: 0, data, last_report_id: head }).onConflict((oc) => oc.doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows
          : (await db.updateTable('local_calls').set({ version: expected + 1, data, last_report_id: head }).where('meeting_id', '=', meetingId).where('version', '=', expected).executeTakeFirst()).numUpdatedRows;
      const won = Number(written ?? 0n) > 0;
      // Unreachable either way; deleting only keeps the table small.
      if (!won && report) await db.deleteFrom('local_attendance_reports').where('id', '=', report.id).execute();
      return won;
    },
    async markDelivered(meetingId, version) {
      await db.updateTable('local_calls').set({ delivered: version }).where('meeting_id', '=', meetingId).where('delivered', '<', version).execute();
    },
    async reportsOf(meetingId, limit) {
      const head = (await row(meetingId))?.last_report_id;
      if (!head) return [];
      const rows = await db.selectFrom('local_attendance_reports').select(['id', 'previous_id', 'data']).where('meeting_id', '=', meetingId).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const out: StoredReport[] = [];
      for (let r = byId.get(head); r && out.length < limit; r = r.previous_id ? byId.get(r.previous_id) : undefined) out.push(fromJson<StoredReport>(r.data));
      return out.reverse();
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
      const row = { id: meeting.id, organizer_id: meeting.organizerId, external_id: meeting.externalId, join_token: meeting.joinToken, join_meeting_id: meeting.joinMeetingId, data: toJson(meeting) };
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
    async findByJoinMeetingId(joinMeetingId) {
      return decode(await db.selectFrom('local_meetings').select('data').where('join_meeting_id', '=', joinMeetingId).executeTakeFirst());
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
