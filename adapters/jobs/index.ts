// Opens the job queue that fits the store: pg-boss on PostgreSQL (several instances), the SQLite queue otherwise.
import type { Store } from '../store';
import type { QueueOptions } from './options';
import { pgBossQueue } from './pg-boss';
import type { JobQueue } from './queue';
import { sqliteQueue } from './sqlite-queue';

export type { QueueOptions } from './options';
export * from './queue';

/** The queue on `store`'s database; call `start()` before `work` or `send`, and `stop` before closing the store. */
export function openQueue(store: Store, options: QueueOptions = {}): JobQueue {
  if (store.database.kind === 'postgres') {
    return pgBossQueue({ kysely: store.kysely, url: store.database.url, schema: store.pgSchema ?? 'pgboss' }, options);
  }
  return sqliteQueue(store.kysely, options);
}
