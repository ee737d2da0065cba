// The playground's history on Kysely: the same queries for SQLite and PostgreSQL; each message is its JSON.
import type { Kysely } from 'kysely';
import { playgroundMessageSchema, type PlaygroundLog, type PlaygroundMessage } from '../playground/hub';
import type { DB } from './schema';

/** The durable PlaygroundLog; rows that no longer read as a message (an older shape) are skipped. */
export function playgroundLog(db: Kysely<DB>): PlaygroundLog {
  return {
    async load() {
      const rows = await db.selectFrom('playground_messages').select(['seq', 'message']).orderBy('seq', 'asc').execute();
      const messages: Array<{ seq: number; message: PlaygroundMessage }> = [];
      for (const row of rows) {
        const parsed = playgroundMessageSchema.safeParse(JSON.parse(row.message));
        if (parsed.success) messages.push({ seq: Number(row.seq), message: parsed.data });
      }
      return messages;
    },
    async save(seq, message) {
      const row = { id: message.id, conversation: message.conversation, seq, message: JSON.stringify(message) };
      await db
        .insertInto('playground_messages')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet({ message: row.message }))
        .execute();
    },
    async forget(ids) {
      if (ids.length) await db.deleteFrom('playground_messages').where('id', 'in', [...ids]).execute();
    },
  };
}
