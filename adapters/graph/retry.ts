// Retry policy for throttled and overloaded Graph calls, and for dropped connections where a repeat is safe:
// honours Retry-After, bounded by attempts and total time.

/** How hard to retry 429/503/504 and dropped connections. */
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

/** Socket errors that mean the connection dropped (node, undici), whether or not the request got through. */
const DROPPED_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);
const DROPPED_MESSAGE = /socket hang up|other side closed|ECONNRESET|EPIPE/i;

/**
 * True when `error` is a dropped or reset connection: undici's `fetch failed` / `terminated` carry the socket error
 * as their cause, so the cause chain is read. A timeout or an abort is never one: the call may still be running.
 */
export function isDroppedConnection(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const { name, code, message, cause } = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    if (name === 'TimeoutError' || name === 'AbortError') return false;
    if (typeof code === 'string' && DROPPED_CODES.has(code)) return true;
    if (typeof message === 'string' && DROPPED_MESSAGE.test(message)) return true;
    e = cause;
  }
  return false;
}

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

/**
 * True when sending the request twice does what sending it once does, so a dropped connection may be retried:
 * reads, PATCH (the same body again), DELETE, and createOrGet, which Graph keys by externalId. Any other POST may
 * have been carried out before the connection dropped, so repeating it could make a second one.
 */
export function isIdempotentRequest(method: string, url: string): boolean {
  const verb = method.toUpperCase();
  if (IDEMPOTENT_METHODS.has(verb)) return true;
  if (verb !== 'POST') return false;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  return /\/onlineMeetings\/createOrGet\/?$/i.test(path);
}
