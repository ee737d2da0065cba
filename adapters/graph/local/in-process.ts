// The embedded default's transport to its own local Graph: the SDK's request is answered by the same dispatcher the
// HTTP router uses, without a loopback round trip (two HTTP halves in one process, per Graph call). It answers as
// the router does: the same latency, the same 415, a dropped "connection" failing as a dropped one does.
import type { FetchFn } from '../middleware';
import { isUnder, wholeResponse } from '../transport';
import { splitPath } from './batch';
import type { Dispatch } from './dispatch';
import { badRequest, graphError, GraphHttpError } from './errors';
import type { GraphRequest, GraphResponse } from './http-types';
import { newGuid } from './ids';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function lowerCased(headers: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new Headers(headers).entries()) out[k.toLowerCase()] = v;
  return out;
}

function bodyOf(body: BodyInit | null | undefined): unknown {
  if (body === undefined || body === null || body === '') return undefined;
  const text = typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : undefined;
  if (text === undefined) throw badRequest('Send the request body as JSON text.');
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

/** The in-process fetch for requests under `serviceRoot()` (the local Graph's `/local/graph/v1.0`; route with isUnder). */
export function inProcessGraphFetch(dispatch: Dispatch, latencyMs: () => number, serviceRoot: () => string): FetchFn {
  return async (input, init = {}) => {
    const root = serviceRoot();
    if (!isUnder(root, input)) throw new TypeError(`fetch failed: ${String(input)} is not under ${root}`);
    const url = typeof input === 'string' ? input : (input as URL).href;
    const requestId = newGuid();
    const headers = lowerCased(init.headers);
    const type = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const hasBody = init.body !== undefined && init.body !== null && init.body !== '';
    let answer: GraphResponse;
    if (hasBody && type !== 'application/json' && !/^application\/[\w.+-]*\+json$/.test(type)) {
      answer = graphError(415, 'UnsupportedMediaType', 'Send the request body as application/json.', { requestId });
    } else {
      const delay = latencyMs();
      if (delay > 0) await sleep(delay);
      const parsed = new URL(url);
      try {
        const req: GraphRequest = {
          method: (init.method ?? 'GET').toUpperCase(),
          segments: splitPath(parsed.pathname.slice(new URL(root).pathname.length)),
          query: parsed.searchParams,
          headers,
          body: bodyOf(init.body),
          requestId,
          serviceRoot: root,
        };
        answer = await dispatch(req);
      } catch (err) {
        const e = err instanceof GraphHttpError ? err : new GraphHttpError(500, 'InternalServerError', 'An internal error occurred in the local meeting service.');
        answer = graphError(e.status, e.code, e.message, { requestId, ...(headers['client-request-id'] ? { clientRequestId: headers['client-request-id'] } : {}) });
      }
    }
    if (init.signal?.aborted) throw init.signal.reason;
    // An injected drop: what undici reports for a connection closed before the answer.
    if (answer.status === 0) throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    return wholeResponse(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
  };
}
