// JSON batching (graph.md §5): up to 20 requests in one POST /$batch, each answered with its own status. Graph
// throttles items one by one and the SDK does not retry them, so throttled items are sent again here.
import type { GraphRequest } from '@microsoft/microsoft-graph-client';
import { RETRYABLE_STATUS, nextDelay, retryAfterMs, type RetryPolicy, type Sleep } from './retry';
import { batchResponseSchema } from './schemas';

/** Graph's limit of requests in one JSON batch. */
export const BATCH_LIMIT = 20;

/** One request of a batch, its URL relative to the version root (`/users/{id}`). */
export interface BatchItem {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
}

/** An item's last answer: a success, a failure, or the throttling that outlasted the retry budget. */
export interface BatchAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A header of a batch item; Graph's casing varies. */
function header(headers: Readonly<Record<string, string>> | null | undefined, name: string): string | undefined {
  return Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
}

const asRequest = (item: BatchItem, id: string) => ({
  id,
  method: item.method,
  url: item.url,
  ...(item.body !== undefined ? { body: item.body, headers: { 'content-type': 'application/json' } } : {}),
});

/**
 * Sends `items` (at most BATCH_LIMIT) as one batch on `endpoint` (the `/$batch` request, on the version it needs),
 * re-sending throttled and unanswered items within `policy`. The answers are in the items' order.
 */
export async function sendBatch(endpoint: () => GraphRequest, items: readonly BatchItem[], policy: RetryPolicy, sleep: Sleep): Promise<BatchAnswer[]> {
  if (items.length > BATCH_LIMIT) throw new Error(`a JSON batch holds at most ${BATCH_LIMIT} requests, not ${items.length}`);
  const answers: BatchAnswer[] = items.map(() => ({ status: 500, body: undefined }));
  let pending = items.map((item, i) => ({ item, i, id: String(i + 1) }));
  const started = Date.now();
  for (let attempt = 1; pending.length > 0; attempt++) {
    const raw: unknown = await endpoint().post({ requests: pending.map(({ item, id }) => asRequest(item, id)) });
    const byId = new Map(batchResponseSchema.parse(raw).responses.map((r) => [r.id, r]));
    const retry: typeof pending = [];
    let wait = 0;
    for (const p of pending) {
      const answer = byId.get(p.id);
      const status = answer?.status ?? 500;
      answers[p.i] = { status, body: answer?.body };
      if (RETRYABLE_STATUS.has(status) || !answer) {
        retry.push(p);
        wait = Math.max(wait, retryAfterMs(header(answer?.headers, 'retry-after'), Date.now()) ?? 0);
      }
    }
    if (retry.length === 0) break;
    const delay = nextDelay(policy, attempt, Date.now() - started, wait || undefined);
    if (delay === undefined) break;
    await sleep(delay);
    pending = retry;
  }
  return answers;
}
