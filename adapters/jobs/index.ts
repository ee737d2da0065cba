// Opens the job queue that fits the store: pg-boss on PostgreSQL (several instances), the SQLite queue otherwise.
import type { Store } from '../store';
import type { QueueOptions } from './options';
import type { JobQueue } from './queue';
import { sqliteQueue } from './sqlite-queue';

export type { QueueOptions } from './options';
export * from './queue';

/** The queue on `store`'s database; call `start()` before `work` or `send`, and `stop` before closing the store. */
export function openQueue(store: Store, options: QueueOptions = {}): JobQueue {
  if (store.database.kind === 'postgres') {
    // Loaded here, not at the top: pg-boss and pg cost a SQLite deployment about 18 MB of memory it never uses.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { pgBossQueue } = require('./pg-boss') as typeof import('./pg-boss');
    return pgBossQueue({ kysely: store.kysely, url: store.database.url, schema: store.pgSchema ?? 'pgboss' }, options);
  }
  return sqliteQueue(store.kysely, options, store);
}
