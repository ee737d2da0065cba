// The express face of the Graph slice: the raw request, answered as every arrived request is (./arrived.ts).
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { answerArrived } from './arrived';
import type { Dispatch } from './dispatch';
import { graphError } from './errors';
import type { GraphResponse } from './http-types';
import { newGuid } from './ids';

function headersOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') out[k.toLowerCase()] = v;
    else if (Array.isArray(v)) out[k.toLowerCase()] = v.join(', ');
  }
  return out;
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
    const q = req.originalUrl.indexOf('?');
    const answer = await answerArrived(dispatch, latencyMs, {
      method: req.method,
      path: req.path,
      query: new URLSearchParams(q >= 0 ? req.originalUrl.slice(q + 1) : ''),
      headers: headersOf(req),
      body: Buffer.isBuffer(req.body) ? req.body : undefined,
      json: Boolean(req.is(['application/json', 'application/*+json'])),
      serviceRoot: `${req.protocol}://${req.get('host') ?? '127.0.0.1'}${req.baseUrl}`,
    });
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
