// The local service's request and response, independent of express so $batch can dispatch items in-process.

/** A request to the Graph slice, already parsed (path relative to the version root, segments decoded). */
export interface GraphRequest {
  readonly method: string;
  /** Decoded path segments, e.g. `['users', '{id}', 'onlineMeetings']`. */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body, or undefined when there was none. */
  readonly body: unknown;
  /** Graph's `request-id` for this request (echoed in headers and error bodies). */
  readonly requestId: string;
  /** The service root the request came to, e.g. `http://127.0.0.1:3978/local/graph/v1.0` (for `@odata.context`). */
  readonly serviceRoot: string;
}

/** A response: JSON body, or none (204). */
export interface GraphResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** True for a JSON object (not null, not an array): the shape request bodies and their parts must have. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
