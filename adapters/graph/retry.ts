// Retry policy for throttled and overloaded Graph calls: honours Retry-After, bounded by attempts and total time.

/** How hard to retry 429/503/504. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
  /** Total time the waits of one call may take; a Retry-After beyond it ends the call at once. */
  readonly budgetMs: number;
  /** First back-off when Graph gives no Retry-After; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Longest single wait. */
  readonly maxDelayMs: number;
}

/** Four attempts within 30 s: enough for Graph's usual Retry-After of a few seconds, short enough for a chat reply. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, budgetMs: 30_000, baseDelayMs: 500, maxDelayMs: 10_000 };

/** The statuses Graph asks clients to retry. */
export const RETRYABLE_STATUS: ReadonlySet<number> = new Set([429, 503, 504]);

/** Waits; injectable so tests and benchmarks need not sleep. */
export type Sleep = (ms: number) => Promise<void>;

/** Real-time sleep. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Milliseconds to wait per a `Retry-After` header (seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * The wait before attempt `attempt + 1`, or undefined to stop retrying (attempts or budget used up).
 * `elapsedMs` is the time already spent on this call.
 */
export function nextDelay(policy: RetryPolicy, attempt: number, elapsedMs: number, retryAfter: number | undefined): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1) * (1 + Math.random() * 0.2));
  const delay = retryAfter ?? backoff;
  // Waiting longer than Graph asks is pointless, and waiting past the budget only delays the same answer.
  if (delay > policy.maxDelayMs || elapsedMs + delay > policy.budgetMs) return undefined;
  return delay;
}
