// Our middleware chain for the Graph SDK: bearer token → bounded retry → fetch with a timeout.
// It replaces the SDK's default chain, whose AuthenticationHandler only sends tokens to https Graph hosts
// (so a Graph-compatible service on plain http would get none) and whose RetryHandler has no total time budget.
import type { AuthenticationProvider, Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../../src/bot-api';
import { NULL_BODY, readWhole, type FetchFn } from '../http/transport';
import { RETRYABLE_STATUS, isDroppedConnection, isIdempotentRequest, nextDelay, retryAfterMs, type RetryPolicy, type Sleep } from './retry';

export type { FetchFn };

/** Raised when one attempt takes longer than the timeout; its name is what the error translator looks for. */
export class GraphTimeoutError extends Error {
  constructor(ms: number) {
    super(`Graph did not answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

function requestUrl(request: RequestInfo): string {
  return typeof request === 'string' ? request : request.url;
}

function requestMethod(context: Context): string {
  return context.options?.method ?? (typeof context.request === 'string' ? 'GET' : context.request.method);
}

function setHeader(context: Context, name: string, value: string): void {
  const options = (context.options ??= {});
  if (options.headers instanceof Headers) options.headers.set(name, value);
  else if (Array.isArray(options.headers)) options.headers.push([name, value]);
  else options.headers = { ...(options.headers ?? {}), [name]: value };
}

/** Adds `Authorization: Bearer` to requests for the configured Graph origin only, so tokens never leak elsewhere. */
export class BearerTokenHandler implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly provider: AuthenticationProvider | undefined,
    private readonly origin: string,
  ) {}
  /** Chains the next middleware. */
  setNext(next: Middleware): void {
    this.next = next;
  }
  /** Attaches the token, then passes on. */
  async execute(context: Context): Promise<void> {
    if (this.provider && new URL(requestUrl(context.request)).origin === this.origin) {
      setHeader(context, 'Authorization', `Bearer ${await this.provider.getAccessToken()}`);
    }
    await this.next?.execute(context);
  }
}

/**
 * Retries 429/503/504 honouring Retry-After, and a dropped connection on a request that is safe to repeat
 * (isIdempotentRequest), within the policy's attempts and time budget; then leaves the last answer or error.
 */
export class BoundedRetryHandler implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly policy: RetryPolicy,
    private readonly sleep: Sleep,
    private readonly logger: Logger,
  ) {}
  /** Chains the next middleware. */
  setNext(next: Middleware): void {
    this.next = next;
  }
  /** Runs the request until it succeeds, fails for good, or the budget is spent. */
  async execute(context: Context): Promise<void> {
    const started = Date.now();
    const repeatable = isIdempotentRequest(requestMethod(context), requestUrl(context.request));
    for (let attempt = 1; ; attempt++) {
      let delay: number | undefined;
      let why: { status: number } | { err: unknown };
      try {
        await this.next?.execute(context);
        const response = context.response;
        if (!response || !RETRYABLE_STATUS.has(response.status)) return;
        delay = nextDelay(this.policy, attempt, Date.now() - started, retryAfterMs(response.headers.get('retry-after'), Date.now()));
        if (delay === undefined) return;
        why = { status: response.status };
      } catch (error) {
        if (!repeatable || !isDroppedConnection(error)) throw error;
        delay = nextDelay(this.policy, attempt, Date.now() - started, undefined);
        if (delay === undefined) throw error;
        why = { err: error };
      }
      this.logger.warn({ ...why, attempt, delayMs: delay }, 'status' in why ? 'graph asked to retry' : 'graph connection dropped, retrying');
      await this.sleep(delay);
      setHeader(context, 'Retry-Attempt', String(attempt));
    }
  }
}

/** The end of the chain: one fetch, bounded by a timeout that covers the whole answer, body included. */
export class TimedFetchHandler implements Middleware {
  constructor(
    private readonly fetchFn: FetchFn,
    private readonly timeoutMs: number,
  ) {}
  /** Sends the request and buffers the answer. */
  async execute(context: Context): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new GraphTimeoutError(this.timeoutMs)), this.timeoutMs);
    try {
      const response = await this.fetchFn(context.request, { ...context.options, signal: controller.signal });
      if (readWhole(response)) {
        context.response = response;
        return;
      }
      // Reading the body inside the timer means a stalled or dropped answer fails here, not later in the SDK.
      const body = NULL_BODY.has(response.status) ? null : await response.arrayBuffer();
      context.response = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof GraphTimeoutError) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
