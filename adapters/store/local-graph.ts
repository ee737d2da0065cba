// LocalGraphRepo on Kysely, so the local meeting service's meetings and subscriptions outlive a restart.
import type { Kysely } from 'kysely';
import type { LocalGraphRepo, LocalMeeting, LocalSubscription } from '../graph/local/repo';
import { fromJson, toJson } from './json';
import type { DB } from './schema';

/** The durable LocalGraphRepo. */
export function localGraphRepo(db: Kysely<DB>): LocalGraphRepo {
  const decode = (row: { data: string } | undefined): LocalMeeting | undefined => (row ? fromJson<LocalMeeting>(row.data) : undefined);
  return {
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
      const data = toJson(sub);
      await db.insertInto('local_subscriptions').values({ id: sub.id, data }).onConflict((oc) => oc.column('id').doUpdateSet({ data })).execute();
    },
    async deleteSubscription(id) {
      const r = await db.deleteFrom('local_subscriptions').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    async getSubscription(id) {
      const row = await db.selectFrom('local_subscriptions').select('data').where('id', '=', id).executeTakeFirst();
      return row ? fromJson<LocalSubscription>(row.data) : undefined;
    },
    async listSubscriptions() {
      const rows = await db.selectFrom('local_subscriptions').select('data').orderBy('id').execute();
      return rows.map((r) => fromJson<LocalSubscription>(r.data));
    },
  };
}
