// Requests being served, so shutdown can wait for them; while draining, new work is turned away politely.
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/** Counts requests in flight and gates new ones during shutdown. */
export interface InFlight {
  /** Counts every request until its response closes. */
  readonly counter: RequestHandler;
  /** Counts one request served outside express until its response closes. */
  track(res: ServerResponse): void;
  /** While draining, answers 503 to new requests unless `allow(path)` (in-flight work may still need them). */
  gate(draining: () => boolean, allow: (path: string) => boolean): RequestHandler;
  /** Resolves when no request is in flight. */
  idle(): Promise<void>;
}

/** A request tracker. */
export function createInFlight(): InFlight {
  let count = 0;
  let waiters: Array<() => void> = [];
  const settle = (): void => {
    if (count > 0) return;
    for (const w of waiters) w();
    waiters = [];
  };
  const track = (res: ServerResponse): void => {
    count++;
    res.once('close', () => {
      count--;
      settle();
    });
  };
  return {
    counter: (_req, res, next) => {
      track(res);
      next();
    },
    track,
    gate: (draining, allow) => (req, res, next) => {
      if (!draining() || allow(req.path)) return next();
      res.setHeader('connection', 'close');
      res.status(503).json({ error: 'meetbot is shutting down; please try again in a moment.' });
    },
    idle: () => (count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
