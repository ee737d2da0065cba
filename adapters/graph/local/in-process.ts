// The embedded default's transport to its own local Graph: the SDK's request is answered by the same dispatcher the
// HTTP router uses, without a loopback round trip (two HTTP halves in one process, per Graph call). Both hand the
// request to ./arrived.ts, so latency, 415 and errors are the router's; an injected drop fails as a dropped connection.
import type { FetchFn } from '../middleware';
import { isUnder, wholeResponse } from '../../http/transport';
import { answerArrived } from './arrived';
import type { Dispatch } from './dispatch';

const JSON_TYPE = /^application\/(?:json|[\w.+-]*\+json)$/;

function lowerCased(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new Headers(headers).entries()) out[k.toLowerCase()] = v;
  return out;
}

/** The body as text or bytes (the SDK's chain sends JSON text); a stream or a form is a caller's mistake here. */
function rawBody(body: BodyInit | null | undefined): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('fetch failed: the in-process Graph transport takes a body as text or bytes only');
}

/** The in-process fetch for requests under `serviceRoot()` (the local Graph's `/local/graph/v1.0`; route with isUnder). */
export function inProcessGraphFetch(dispatch: Dispatch, latencyMs: () => number, serviceRoot: () => string): FetchFn {
  return async (input, init = {}) => {
    const root = serviceRoot();
    if (!isUnder(root, input)) throw new TypeError(`fetch failed: ${String(input)} is not under ${root}`);
    const url = new URL(typeof input === 'string' ? input : (input as URL).href);
    const headers = lowerCased(init.headers);
    const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const body = rawBody(init.body);
    const answer = await answerArrived(dispatch, latencyMs, {
      method: init.method ?? 'GET',
      path: url.pathname.slice(new URL(root).pathname.length),
      query: url.searchParams,
      headers,
      body,
      json: JSON_TYPE.test(type),
      serviceRoot: root,
    });
    if (init.signal?.aborted) throw init.signal.reason;
    // An injected drop: what undici reports for a connection closed before the answer.
    if (answer.status === 0) throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    return wholeResponse(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
  };
}
