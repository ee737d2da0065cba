// CallSubscriptionStore on Kysely: the same queries for SQLite and PostgreSQL (times as ISO-8601 UTC text sort right).
import type { Kysely } from 'kysely';
import type { CallSubscription, CallSubscriptionStore } from '../graph/renewer';
import type { DB } from './schema';

/** The durable CallSubscriptionStore. */
export function callSubscriptionStore(db: Kysely<DB>): CallSubscriptionStore {
  return {
    async save(sub) {
      const row = { id: sub.id, join_url: sub.joinUrl, expires_at: sub.expiresAt.toISOString(), meeting_ends_at: sub.meetingEndsAt.toISOString() };
      const { id: _id, ...rest } = row;
      await db.insertInto('call_subscriptions').values(row).onConflict((oc) => oc.column('id').doUpdateSet(rest)).execute();
    },
    async expiringBefore(at, limit) {
      const rows = await db
        .selectFrom('call_subscriptions')
        .selectAll()
        .where('expires_at', '<', at.toISOString())
        .orderBy('expires_at', 'asc')
        .orderBy('id', 'asc')
        .limit(limit)
        .execute();
      return rows.map((r): CallSubscription => ({ id: r.id, joinUrl: r.join_url, expiresAt: new Date(r.expires_at), meetingEndsAt: new Date(r.meeting_ends_at) }));
    },
    async delete(id) {
      await db.deleteFrom('call_subscriptions').where('id', '=', id).execute();
    },
  };
}
