// Graph's subscription handshake (POST notificationUrl?validationToken=…), answered before express sees it. Every
// new meeting's call-event subscription brings one, and express's own routing of a request costs more CPU than the
// answer: the token echoed as plain text. Everything else, notifications included, goes on to express.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerLogger } from './logger';
import { logRequest } from './request-log';

/** Answers a request here and says true, or leaves it alone and says false. */
export type EarlyAnswer = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The handshake on `path`, unless the server is draining (express then answers 503, as to any other request). */
export function graphHandshake(path: string, draining: () => boolean, logger: ServerLogger): EarlyAnswer {
  const prefix = `${path}?`;
  return (req, res) => {
    if (req.method !== 'POST' || !req.url?.startsWith(prefix) || draining()) return false;
    // One token and one only, as the notification handler reads it; anything else is its to answer.
    const tokens = new URLSearchParams(req.url.slice(prefix.length)).getAll('validationToken');
    const token = tokens.length === 1 ? tokens[0] : undefined;
    if (token === undefined) return false;
    // The same line the request log writes for every other request; the query (the token) stays out of it.
    logRequest(logger, req, res, () => path);
    // A body, if Graph ever sent one, is not read: drained so the connection can carry the next request.
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
    res.end(token);
    return true;
  };
}
