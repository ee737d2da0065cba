// The express face of the Graph slice: raw body -> GraphRequest -> dispatch -> Graph-shaped response.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Dispatch } from './dispatch';
import { badRequest, graphError, GraphHttpError } from './errors';
import type { GraphRequest, GraphResponse } from './http-types';
import { newGuid } from './ids';
import { splitPath } from './batch';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function headersOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') out[k.toLowerCase()] = v;
    else if (Array.isArray(v)) out[k.toLowerCase()] = v.join(', ');
  }
  return out;
}

function parseBody(raw: unknown): unknown {
  if (!Buffer.isBuffer(raw) || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

function send(res: Response, answer: GraphResponse): void {
  res.status(answer.status);
  for (const [k, v] of Object.entries(answer.headers)) res.setHeader(k, v);
  if (answer.body === undefined) res.end();
  else res.end(JSON.stringify(answer.body));
}

/** Builds the Router serving the Graph slice; `latencyMs` is added to every request before anything else. */
export function createGraphRouter(dispatch: Dispatch, latencyMs: () => number): Router {
  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: '1mb' }));
  router.use(async (req: Request, res: Response) => {
    const requestId = newGuid();
    // Graph takes JSON only; refusing other types also keeps cross-site form posts (text/plain "JSON") out.
    if (Buffer.isBuffer(req.body) && req.body.length > 0 && !req.is(['application/json', 'application/*+json'])) {
      return send(res, graphError(415, 'UnsupportedMediaType', 'Send the request body as application/json.', { requestId }));
    }
    const clientRequestId = typeof req.headers['client-request-id'] === 'string' ? req.headers['client-request-id'] : undefined;
    const delay = latencyMs();
    if (delay > 0) await sleep(delay);
    const q = req.originalUrl.indexOf('?');
    let answer: GraphResponse;
    try {
      const graphReq: GraphRequest = {
        method: req.method.toUpperCase(),
        segments: splitPath(req.path),
        query: new URLSearchParams(q >= 0 ? req.originalUrl.slice(q + 1) : ''),
        headers: headersOf(req),
        body: parseBody(req.body),
        requestId,
        serviceRoot: `${req.protocol}://${req.get('host') ?? '127.0.0.1'}${req.baseUrl}`,
      };
      answer = await dispatch(graphReq);
    } catch (err) {
      const e = err instanceof GraphHttpError ? err : new GraphHttpError(500, 'InternalServerError', 'An internal error occurred in the local meeting service.');
      answer = graphError(e.status, e.code, e.message, { requestId, ...(clientRequestId ? { clientRequestId } : {}) });
    }
    if (answer.status === 0) {
      req.socket.destroy();
      return;
    }
    send(res, answer);
  });
  // Body-parser failures (too large, bad encoding) still answer in Graph's envelope.
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err === 'object' && err !== null && 'status' in err && typeof err.status === 'number' ? err.status : 400;
    send(res, graphError(status, status === 413 ? 'RequestEntityTooLarge' : 'BadRequest', status === 413 ? 'The request body is larger than 1 MB.' : 'The request could not be read.', { requestId: newGuid() }));
  });
  return router;
}
