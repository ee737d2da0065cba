// Reading requests and writing answers on node's own request and response, for the platform webhooks: they are served
// ahead of express (a webhook needs none of its routing) and, in tests and embedders, behind it as well.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A handler on node's own request and response (express's are the same objects, extended). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** A request header as one string (the first, when sent twice); undefined when absent. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request's media type without parameters, lower-cased; '' when there is none. */
export function mediaTypeOf(req: IncomingMessage): string {
  return (headerOf(req, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The request id the request log put on `res`, if any. */
export function requestIdHeader(res: ServerResponse): string | undefined {
  const id = res.getHeader('x-request-id');
  return typeof id === 'string' ? id : undefined;
}

/** A 500 for a failure on our side: the same words wherever it happens, and the request id to quote (unless already answered). */
export function answerFailure(res: ServerResponse): void {
  if (!res.headersSent) answerJson(res, 500, { error: 'Something went wrong on our side. Please try again.', requestId: requestIdHeader(res) });
}

/** Answers `status` with `body` as JSON, as express's `res.status(status).json(body)` does. */
export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
