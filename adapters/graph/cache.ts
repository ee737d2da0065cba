// The directory cache port: the Graph Directory keeps look-ups here (the store implements it durably).

/** A cached directory answer: a user as JSON, or `null` for a cached miss. */
export interface DirectoryCache {
  /** The cached value for `key`, or `undefined` when absent or expired at `now`. */
  get(key: string, now: Date): Promise<string | null | undefined>;
  /** Caches `value` (JSON of a user, or `null` for a miss) until `expiresAt`. */
  set(key: string, value: string | null, expiresAt: Date): Promise<void>;
}
