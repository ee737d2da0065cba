// An in-memory DirectoryCache, for tests, the bench and processes without a store.
import type { DirectoryCache } from './cache';

/** A DirectoryCache in a Map; expired entries are dropped when read. */
export function createMemoryDirectoryCache(): DirectoryCache & { readonly size: () => number } {
  const entries = new Map<string, { value: string | null; expiresAt: number }>();
  return {
    async get(key, now) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now.getTime()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    async set(key, value, expiresAt) {
      entries.set(key, { value, expiresAt: expiresAt.getTime() });
    },
    size: () => entries.size,
  };
}
