// CallSubscriptionStore on Kysely: the same queries for SQLite and PostgreSQL (times as ISO-8601 UTC text sort right).
import type { Kysely, Selectable } from 'kysely';
import type { CallSubscription, CallSubscriptionStore } from '../graph/renewer';
import type { CallSubscriptionsTable, DB } from './schema';
import { transactionsOn, type Transactions } from './transact';

function fromRow(r: Selectable<CallSubscriptionsTable>): CallSubscription {
  return {
    id: r.id,
    joinUrl: r.join_url,
    expiresAt: new Date(r.expires_at),
    meetingEndsAt: new Date(r.meeting_ends_at),
    ...(r.client_state ? { clientState: r.client_state } : {}),
  };
}

/** Inserts or replaces subscriptions by id, in one statement. */
async function upsert(db: Kysely<DB>, subs: readonly CallSubscription[]): Promise<void> {
  const rows = subs.map((sub) => ({
    id: sub.id,
    join_url: sub.joinUrl,
    expires_at: sub.expiresAt.toISOString(),
    meeting_ends_at: sub.meetingEndsAt.toISOString(),
    client_state: sub.clientState ?? null,
  }));
  await db.insertInto('call_subscriptions').values(rows).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
    join_url: eb.ref('excluded.join_url'),
    expires_at: eb.ref('excluded.expires_at'),
    meeting_ends_at: eb.ref('excluded.meeting_ends_at'),
    client_state: eb.ref('excluded.client_state'),
  }))).execute();
}

/** The durable CallSubscriptionStore. */
export function callSubscriptionStore(db: Kysely<DB>, { write }: Pick<Transactions, 'write'> = transactionsOn(db, 'sqlite')): CallSubscriptionStore {
  return {
    async save(sub) {
      await write((w) => upsert(w, [sub]));
    },
    async saveAll(subs) {
      if (subs.length > 0) await write((w) => upsert(w, subs));
    },
    async find(id) {
      const row = await db.selectFrom('call_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && fromRow(row);
    },
    async expiringBefore(at, limit) {
      const rows = await db
        .selectFrom('call_subscriptions')
        .selectAll()
        // Rows without a secret (made before 2026_005) are due whatever their expiry: the renewer replaces them.
        .where((eb) => eb.or([eb('expires_at', '<', at.toISOString()), eb('client_state', 'is', null)]))
        .orderBy('expires_at', 'asc')
        .orderBy('id', 'asc')
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },
    async delete(id) {
      await db.deleteFrom('call_subscriptions').where('id', '=', id).execute();
    },
  };
}
