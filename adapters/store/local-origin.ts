// Where `meetbot serve` serves the local join pages, kept so `meetbot meet` (another process) prints links that open.
import type { Kysely } from 'kysely';
import type { DB } from './schema';

/** The one remembered origin. */
export interface LocalOriginStore {
  /** The origin last written, if any. */
  read(): Promise<string | undefined>;
  write(origin: string, at: Date): Promise<void>;
}

const ROW = 'serve';

/** The durable LocalOriginStore. */
export function localOriginStore(db: Kysely<DB>): LocalOriginStore {
  return {
    async read() {
      const row = await db.selectFrom('local_origin').select('origin').where('id', '=', ROW).executeTakeFirst();
      return row?.origin;
    },
    async write(origin, at) {
      const row = { id: ROW, origin, updated_at: at.toISOString() };
      await db
        .insertInto('local_origin')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet({ origin, updated_at: row.updated_at }))
        .execute();
    },
  };
}
