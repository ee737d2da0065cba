// A request as it reached the local Graph, over HTTP (router.ts) or in-process (in-process.ts), answered the same way:
// 415 for a body that is not JSON, the configured latency, then the dispatcher; failures in Graph's error envelope.
import { splitPath } from './batch';
import type { Dispatch } from './dispatch';
import { badRequest, graphError, GraphHttpError } from './errors';
import type { GraphRequest, GraphResponse } from './http-types';
import { newGuid } from './ids';

/** A request before parsing. */
export interface ArrivedRequest {
  readonly method: string;
  /** The path below the version root, still URL-encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body; empty or absent for none. */
  readonly body: string | Uint8Array | undefined;
  /** Whether the body's content type is JSON (`application/json` or `application/*+json`). */
  readonly json: boolean;
  readonly serviceRoot: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function parseBody(raw: string | Uint8Array | undefined): unknown {
  if (raw === undefined || raw.length === 0) return undefined;
  try {
    return JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
  } catch {
    throw badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
}

/** Answers `req` through `dispatch`, after `latencyMs()`; a status of 0 means "drop the connection". */
export async function answerArrived(dispatch: Dispatch, latencyMs: () => number, req: ArrivedRequest): Promise<GraphResponse> {
  const requestId = newGuid();
  // Graph takes JSON only; refusing other types also keeps cross-site form posts (text/plain "JSON") out.
  if (req.body !== undefined && req.body.length > 0 && !req.json) {
    return graphError(415, 'UnsupportedMediaType', 'Send the request body as application/json.', { requestId });
  }
  const clientRequestId = req.headers['client-request-id'];
  const delay = latencyMs();
  if (delay > 0) await sleep(delay);
  try {
    const graphReq: GraphRequest = {
      method: req.method.toUpperCase(),
      segments: splitPath(req.path),
      query: req.query,
      headers: req.headers,
      body: parseBody(req.body),
      requestId,
      serviceRoot: req.serviceRoot,
    };
    return await dispatch(graphReq);
  } catch (err) {
    const e = err instanceof GraphHttpError ? err : new GraphHttpError(500, 'InternalServerError', 'An internal error occurred in the local meeting service.');
    return graphError(e.status, e.code, e.message, { requestId, ...(clientRequestId ? { clientRequestId } : {}) });
  }
}
