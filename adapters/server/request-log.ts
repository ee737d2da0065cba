// One log line per HTTP request, tagged with a request id the caller may supply (x-request-id) or we generate.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ServerLogger } from './logger';

const VALID_ID = /^[\w.:-]{1,128}$/;
// Probes arrive every few seconds; at info level they would drown everything else.
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** The request id of `res`'s request (set by the request-log middleware). */
export function requestIdOf(res: Response): string | undefined {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : undefined;
}

/** Express middleware: honours or assigns `x-request-id`, echoes it, and logs method, path, status and duration once. */
export function requestLog(logger: ServerLogger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const given = req.get('x-request-id');
    const requestId = given && VALID_ID.test(given) ? given : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    let logged = false;
    const done = (): void => {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The query string is left out: Graph's validationToken and similar values travel there.
      const line = { requestId, method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      if (res.statusCode >= 500) logger.error(line, 'request');
      else if (PROBES.has(line.path ?? '') && res.statusCode < 400) logger.debug(line, 'request');
      else logger.info(line, 'request');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
