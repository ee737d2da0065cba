// The Microsoft Graph SDK client, built with our middleware and pointed at any Graph-compatible base URL.
import { Client } from '@microsoft/microsoft-graph-client';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../../src/bot-api';
import { BearerTokenHandler, BoundedRetryHandler, TimedFetchHandler, type FetchFn } from './middleware';
import { DEFAULT_RETRY, realSleep, type RetryPolicy, type Sleep } from './retry';
import { pooledFetch } from '../http/transport';

/** What the Graph client needs. */
export interface GraphClientOptions {
  /** The service root with its version, e.g. `https://graph.microsoft.com/v1.0` or `http://127.0.0.1:PORT/local/graph/v1.0`. */
  readonly baseUrl: string;
  readonly authProvider?: AuthenticationProvider;
  readonly logger: Logger;
  readonly fetch?: FetchFn;
  /** Per attempt, the answer's body included (default 10 s). */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: Sleep;
}

/** A Graph client with the pieces the adapter needs to know about it. */
export interface GraphClient {
  readonly client: Client;
  /** The base URL without the version segment. */
  readonly root: string;
  /** The version segment (`v1.0`, `beta`), or '' when the base URL has none. */
  readonly version: string;
}

/** Default per-attempt timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Splits `https://host/prefix/v1.0` into root and version, because the SDK joins them itself (root + version + path). */
export function splitBaseUrl(baseUrl: string): { root: string; version: string } {
  const url = new URL(baseUrl);
  const segments = url.pathname.replace(/\/+$/, '').split('/');
  const last = segments[segments.length - 1] ?? '';
  const hasVersion = /^(v\d+(\.\d+)?|beta)$/i.test(last);
  const path = hasVersion ? segments.slice(0, -1).join('/') : segments.join('/');
  return { root: `${url.origin}${path}`, version: hasVersion ? last : '' };
}

/** Builds the SDK client: our chain (token for this origin only, bounded retry, timed fetch) instead of the default. */
export function createGraphClient(opts: GraphClientOptions): GraphClient {
  const { root, version } = splitBaseUrl(opts.baseUrl);
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const fetchFn: FetchFn = opts.fetch ?? pooledFetch();
  const middleware = [
    new BearerTokenHandler(opts.authProvider, new URL(root).origin),
    new BoundedRetryHandler(retry, opts.sleep ?? realSleep, opts.logger),
    new TimedFetchHandler(fetchFn, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  ];
  const client = Client.initWithMiddleware({ baseUrl: root, defaultVersion: version, middleware });
  return { client, root, version };
}
