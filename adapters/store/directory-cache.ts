// DirectoryCache on Kysely: Graph directory answers with an expiry.
import type { Kysely } from 'kysely';
import type { DirectoryCache } from '../graph/cache';
import type { DB } from './schema';

/** The durable DirectoryCache. */
export function directoryCache(db: Kysely<DB>): DirectoryCache {
  return {
    async get(key, now) {
      const row = await db.selectFrom('directory_cache').select(['value', 'expires_at']).where('key', '=', key).executeTakeFirst();
      if (!row || row.expires_at <= now.toISOString()) return undefined;
      return row.value;
    },
    async set(key, value, expiresAt) {
      const expires_at = expiresAt.toISOString();
      await db.insertInto('directory_cache').values({ key, value, expires_at }).onConflict((oc) => oc.column('key').doUpdateSet({ value, expires_at })).execute();
    },
  };
}
