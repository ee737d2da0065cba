// LocalGraphRepo on Kysely, so the local meeting service's meetings and subscriptions outlive a restart.
import type { Kysely } from 'kysely';
import type { LocalGraphRepo, LocalMeeting, LocalSubscription } from '../graph/local/repo';
import { fromJson, toJson } from './json';
import type { DB } from './schema';

/** The durable LocalGraphRepo. */
export function localGraphRepo(db: Kysely<DB>): LocalGraphRepo {
  const decode = (row: { data: string } | undefined): LocalMeeting | undefined => (row ? fromJson<LocalMeeting>(row.data) : undefined);
  // The column wins over the JSON: rows written before the column existed were keyed by the migration.
  const decodeSubRow = (row: { data: string; join_token: string }): LocalSubscription => ({ ...fromJson<LocalSubscription>(row.data), joinToken: row.join_token });
  const decodeSub = (row: { data: string; join_token: string } | undefined): LocalSubscription | undefined => (row ? decodeSubRow(row) : undefined);
  return {
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
