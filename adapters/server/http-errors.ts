// Hostile or broken requests get a 4xx with a plain sentence; the reason stays in the log, never in the body.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../src/bot-api';
import { answerFailure } from '../http/answer';
import { requestIdOf } from './request-log';

/** A 4xx answer for a request the body parsers or routes refused. */
export interface ClientError {
  readonly status: number;
  readonly message: string;
}

const WORDS: Record<number, string> = {
  400: 'The request could not be read.',
  413: 'The request body is too large.',
  415: 'The request body has a content type this endpoint does not take.',
};

/** The 4xx that a body-parser, router (undecodable path) or http-errors failure stands for; undefined otherwise (a bug: 500). */
export function clientErrorOf(error: unknown): ClientError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // Express's own convention (finalhandler): an error carrying a 4xx status is the client's; the words stay generic.
  const status = 'status' in error && typeof error.status === 'number' ? error.status : undefined;
  if (status === undefined || status < 400 || status > 499) return undefined;
  return { status, message: WORDS[status] ?? 'The request was refused.' };
}

/** 415 for a request with a body whose content type is none of `types` (GET, HEAD and empty bodies pass). */
export function requireContentType(...types: string[]): RequestHandler {
  return (req, res, next) => {
    const hasBody = Number(req.get('content-length') ?? '0') > 0 || req.get('transfer-encoding') !== undefined;
    if (req.method === 'GET' || req.method === 'HEAD' || !hasBody || req.is(types)) return next();
    res.status(415).json({ error: `Send ${types.join(' or ')}.` });
  };
}

/** The last route: anything no route took. */
export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'Not found.' });
};

/** The last error handler: a refused request gets its 4xx with a plain sentence; anything else is a logged 500 without details. */
export function answerErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const refused = clientErrorOf(error);
    if (refused) {
      logger.warn({ requestId: requestIdOf(res), status: refused.status, reason: error instanceof Error ? error.message : String(error) }, 'request refused');
      return void res.status(refused.status).json({ error: refused.message, requestId: requestIdOf(res) });
    }
    logger.error({ requestId: requestIdOf(res), err: error }, 'request failed');
    answerFailure(res);
  };
}
