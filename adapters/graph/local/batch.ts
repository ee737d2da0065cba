// JSON batching (graph.md §5): up to 20 requests, answered one by one, each with its own status, headers and body.
import { json } from './context';
import { badRequest, GraphHttpError } from './errors';
import type { Dispatch, ExtraRoute } from './dispatch';
import { isObject, type GraphRequest, type GraphResponse } from './http-types';
import { newGuid } from './ids';

const MAX = 20;

interface BatchItem {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly dependsOn: readonly string[];
}

function parseItems(body: unknown): BatchItem[] {
  if (!isObject(body) || !Array.isArray(body.requests)) throw badRequest("A batch body needs a 'requests' array.");
  if (body.requests.length === 0) throw badRequest('A batch needs at least one request.');
  if (body.requests.length > MAX) throw badRequest(`A batch can hold at most ${MAX} requests; this one has ${body.requests.length}.`);
  const ids = new Set<string>();
  return body.requests.map((r: unknown, i: number) => {
    if (!isObject(r)) throw badRequest(`requests[${i}] must be an object.`);
    const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : '';
    if (!id) throw badRequest(`requests[${i}] needs an 'id'.`);
    if (ids.has(id.toLowerCase())) throw badRequest(`The batch request id '${id}' is used twice; ids must be unique.`);
    if (typeof r.method !== 'string' || !r.method) throw badRequest(`requests[${i}] needs a 'method'.`);
    if (typeof r.url !== 'string' || !r.url) throw badRequest(`requests[${i}] needs a 'url'.`);
    const headers: Record<string, string> = {};
    if (isObject(r.headers)) for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    if (r.body !== undefined && !headers['content-type']) throw badRequest(`requests[${i}] has a body, so it needs a Content-Type header.`);
    const dependsOn = Array.isArray(r.dependsOn) ? r.dependsOn.map(String) : [];
    for (const d of dependsOn) if (!ids.has(d.toLowerCase())) throw badRequest(`requests[${i}] depends on '${d}', which is not an earlier request in the batch.`);
    ids.add(id.toLowerCase());
    return { id, method: r.method.toUpperCase(), url: r.url, headers, body: r.body, dependsOn };
  });
}

/** Splits a batch item's relative url (`/users/x?$select=id`) into decoded segments and a query. */
function itemTarget(url: string): { segments: string[]; query: URLSearchParams } {
  if (/^https?:\/\//i.test(url)) throw badRequest(`Batch request urls must be relative to the version root, e.g. /users/{id}; got ${url}.`);
  const [path = '', q = ''] = url.replace(/^\/+/, '').split(/\?(.*)/s);
  return { segments: splitPath(path), query: new URLSearchParams(q) };
}

/** Decoded path segments; `users('x')` becomes `users`, `x`. */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  for (const raw of path.split('/').filter(Boolean)) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      throw badRequest(`The path segment '${raw}' is not correctly URL-encoded.`);
    }
    const key = /^(\w+)\('((?:[^']|'')*)'\)$/.exec(seg);
    if (key) out.push(key[1] ?? '', (key[2] ?? '').replace(/''/g, "'"));
    else out.push(seg);
  }
  return out;
}

/** The `$batch` route. */
export function batchRoute(dispatch: () => Dispatch): ExtraRoute {
  return async (req) => {
    if (req.segments[0] !== '$batch' || req.segments.length !== 1) return undefined;
    if (req.method !== 'POST') throw new GraphHttpError(405, 'Request_BadRequest', 'Use POST for $batch.');
    const items = parseItems(req.body);
    const results = new Map<string, GraphResponse>();
    const responses: Record<string, unknown>[] = [];
    for (const item of items) {
      let res: GraphResponse;
      const failedDep = item.dependsOn.find((d) => (results.get(d.toLowerCase())?.status ?? 500) >= 400);
      if (failedDep) {
        res = json(424, { error: { code: 'FailedDependency', message: `The request depends on '${failedDep}', which failed.` } }, req.requestId);
      } else {
        try {
          const { segments, query } = itemTarget(item.url);
          if (segments[0] === '$batch') throw badRequest('A batch cannot contain another batch.');
          const sub: GraphRequest = { method: item.method, segments, query, headers: item.headers, body: item.body, requestId: newGuid(), serviceRoot: req.serviceRoot };
          res = await dispatch()(sub);
          // A dropped connection cannot happen inside a batch; report it as the gateway would.
          if (res.status === 0) res = json(504, { error: { code: 'GatewayTimeout', message: 'The request timed out.' } }, sub.requestId);
        } catch (err) {
          if (!(err instanceof GraphHttpError)) throw err;
          res = json(err.status, { error: { code: err.code, message: err.message } }, req.requestId);
        }
      }
      results.set(item.id.toLowerCase(), res);
      responses.push({ id: item.id, status: res.status, headers: res.headers, ...(res.body !== undefined ? { body: res.body } : {}) });
    }
    return json(200, { responses }, req.requestId);
  };
}
