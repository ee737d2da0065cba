// One log line per HTTP request, tagged with a request id the caller may supply (x-request-id) or we generate.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LOCAL_GRAPH_PATH } from './backend';
import type { ServerLogger } from './logger';
import { headerOf } from '../http/answer';

const VALID_ID = /^[\w.:-]{1,128}$/;
// Probes arrive every few seconds; at info level they would drown everything else.
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);
// The embedded Graph answers this same server over loopback: the user's own request already has its line, and
// at info level these would triple the lines per command. Failures still log as errors.
const INTERNAL_PREFIXES = [`${LOCAL_GRAPH_PATH}/`];
const isQuiet = (path: string): boolean => PROBES.has(path) || INTERNAL_PREFIXES.some((prefix) => path.startsWith(prefix));

/** The request id of `res`'s request (set by the request-log middleware). */
export function requestIdOf(res: Response): string | undefined {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : undefined;
}

/** The path as the log shows it: no query string (Graph's validationToken travels there), no calendar link's name. */
function pathForLog(url: string): string {
  // A calendar link is the capability itself (it is signed, not secret-free): its file name stays out too.
  return (url.split('?')[0] ?? '').replace(/^\/calendar\/[^/]+$/, '/calendar/{link}');
}

/** Honours or assigns `x-request-id` on `res` and logs method, path, status and duration once it ends; the request id. */
export function logRequest(logger: ServerLogger, req: IncomingMessage, res: ServerResponse, url: () => string): string {
  const started = process.hrtime.bigint();
  const given = headerOf(req, 'x-request-id');
  const requestId = given && VALID_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', requestId);
  let logged = false;
  const done = (): void => {
    if (logged) return;
    logged = true;
    const path = pathForLog(url());
    const level = res.statusCode >= 500 ? 'error' : isQuiet(path) && res.statusCode < 400 ? 'debug' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logger[level]({ requestId, method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
  };
  res.on('finish', done);
  res.on('close', done);
  return requestId;
}

/** Express middleware: the request log line and id of every request express serves. */
export function requestLog(logger: ServerLogger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.requestId = logRequest(logger, req, res, () => req.originalUrl);
    next();
  };
}
