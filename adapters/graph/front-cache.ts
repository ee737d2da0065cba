// The directory cache in memory in front of the store's: a person looked up again within a short while is answered
// without a query. Microsoft 365 users change rarely; another instance's newer answer is seen once this copy ages out.
import type { DirectoryCache } from './cache';

/** `inner` with a bounded copy in memory, each entry kept at most `maxAgeMs` (one written here: never past its expiry). */
export function withMemoryFront(inner: DirectoryCache, maxAgeMs = 30_000, maxEntries = 10_000): DirectoryCache {
  const entries = new Map<string, { value: string | null; until: number }>();
  const keep = (key: string, value: string | null, until: number): void => {
    entries.delete(key);
    entries.set(key, { value, until });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value ?? key);
  };
  return {
    async get(key, now) {
      const entry = entries.get(key);
      if (entry && entry.until > now.getTime()) return entry.value;
      entries.delete(key);
      const value = await inner.get(key, now);
      if (value !== undefined) keep(key, value, now.getTime() + maxAgeMs);
      return value;
    },
    async set(key, value, expiresAt) {
      await inner.set(key, value, expiresAt);
      keep(key, value, Math.min(expiresAt.getTime(), Date.now() + maxAgeMs));
    },
  };
}
