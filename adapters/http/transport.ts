// The bot's outgoing HTTP (Graph, the Slack Web API): undici's pooled keep-alive client behind the fetch signature
// the SDKs call. The global fetch builds a WHATWG request and streams each body through web streams, about three
// times the CPU per call and one more socket write; the answer here is read whole into one buffer, which is all the
// SDKs do with it anyway.
import { Agent, interceptors, request, type Dispatcher } from 'undici';

/** The fetch signature the SDKs take (global fetch, or a spy in tests). */
export type FetchFn = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Statuses whose answers carry no body (a Response refuses one). */
export const NULL_BODY: ReadonlySet<number> = new Set([101, 204, 205, 304]);
/** Graph redirects only downloads; a few hops are plenty. */
const MAX_REDIRECTS = 3;

function headerPairs(headers: HeadersInit | undefined): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers.map(([k, v]) => [k ?? '', v ?? '']));
  return { ...headers };
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.append(name, value);
  }
  return headers;
}

// Answers read whole here: the chain's timeout covered their bodies already, so it need not read and rebuild them.
const whole = new WeakSet<Response>();

/** True for an answer a transport here read whole (wrappers pass the same object on). */
export function readWhole(response: Response): boolean {
  return whole.has(response);
}

const TEXTUAL = /^(?:application\/(?:[\w.+-]*\+)?json|text\/)/i;

/**
 * A JSON or text answer read from its bytes: a Response built on a body builds a web stream for it, and reading it
 * back goes through that stream, six times the CPU of the answer's own parse. `body` is null (nobody streams a JSON
 * answer here) and `bodyUsed` stays false; reading it twice fails as fetch's does.
 */
class TextualResponse extends Response {
  readonly #bytes: Uint8Array;
  #read = false;

  constructor(bytes: Uint8Array, init: ResponseInit) {
    super(null, init);
    this.#bytes = bytes;
  }

  #take(): Uint8Array {
    if (this.#read) throw new TypeError('Body is unusable: Body has already been read');
    this.#read = true;
    return this.#bytes;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#take();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  override async text(): Promise<string> {
    return Buffer.from(this.#take()).toString('utf8');
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override async blob(): Promise<Blob> {
    return new Blob([await this.arrayBuffer()], { type: this.headers.get('content-type') ?? '' });
  }

  override clone(): Response {
    if (this.#read) throw new TypeError('Response.clone: Body has already been consumed.');
    return new TextualResponse(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers });
  }
}

function bytesOf(body: BodyInit | null): Uint8Array | undefined {
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return undefined;
}

function contentTypeOf(headers: HeadersInit | undefined): string {
  if (!headers) return '';
  if (headers instanceof Headers) return headers.get('content-type') ?? '';
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  return pairs.find(([name]) => name?.toLowerCase() === 'content-type')?.[1] ?? '';
}

/** An answer whose body is already all here, marked so the chain takes it as it is. */
export function wholeResponse(body: BodyInit | null, init: ResponseInit): Response {
  const bytes = bytesOf(body);
  const type = contentTypeOf(init.headers);
  const response = bytes && TEXTUAL.test(type) ? new TextualResponse(bytes, init) : new Response(body, init);
  whole.add(response);
  return response;
}

/** True when `input` is a URL at or under `root` (to route some requests to another transport). */
export function isUnder(root: string, input: RequestInfo | URL): boolean {
  if (typeof input !== 'string' && !(input instanceof URL)) return false;
  const url = typeof input === 'string' ? input : input.href;
  return url === root || url.startsWith(`${root}/`) || url.startsWith(`${root}?`);
}

/** Bodies the pooled client sends as they are; anything else (a stream, a form) goes through the global fetch. */
function plainBody(body: BodyInit | null | undefined): string | Uint8Array | undefined | false {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return false;
}

/**
 * A keep-alive connection pool; with `redirects` 0 a 3xx answer comes back as it is, as fetch's `redirect: 'error'`
 * would refuse it. `timeoutMs` bounds the wait for an answer's headers and between its body's chunks (undici's own
 * timers; default: undici's 300 s).
 */
export function keepAlivePool(redirects = MAX_REDIRECTS, timeoutMs?: number): Dispatcher {
  const agent = new Agent({ keepAliveTimeout: 30_000, ...(timeoutMs !== undefined ? { headersTimeout: timeoutMs, bodyTimeout: timeoutMs } : {}) });
  return redirects > 0 ? agent.compose(interceptors.redirect({ maxRedirections: redirects })) : agent;
}

/** A fetch-compatible function on one keep-alive connection pool (per process and service: each is one origin, or a few). */
export function pooledFetch(dispatcher: Dispatcher = keepAlivePool()): FetchFn {
  return async (input, init = {}) => {
    const body = plainBody(init.body);
    if (typeof input !== 'string' && !(input instanceof URL)) return fetch(input, init);
    if (body === false) return fetch(input, init);
    try {
      const res = await request(input, {
        method: (init.method ?? 'GET') as Dispatcher.HttpMethod,
        headers: headerPairs(init.headers),
        ...(body !== undefined ? { body } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
        dispatcher,
      });
      const bytes = await res.body.arrayBuffer();
      return wholeResponse(NULL_BODY.has(res.statusCode) ? null : bytes, { status: res.statusCode, headers: responseHeaders(res.headers) });
    } catch (err) {
      // Failing as fetch fails (an abort as its reason, the rest as `TypeError: fetch failed` with the socket error
      // as cause), so the retry and the error translation read every transport alike.
      if (init.signal?.aborted) throw init.signal.reason;
      throw new TypeError('fetch failed', { cause: err });
    }
  };
}
