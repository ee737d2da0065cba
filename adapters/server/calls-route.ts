// POST /api/calls: the Calls API's callbacks about the bot's own call legs. With Teams credentials each request must
// carry a valid token of Microsoft's calling service (calling-auth.ts); without them the route is mounted only in
// local mode, where the embedded service is the only caller and loopback the only way in.
import express, { type RequestHandler } from 'express';
import type { Logger } from '../../src/bot-api';
import { parseCommsNotifications, type CommsItem } from '../graph/comms-notifications';
import type { CallingAuthResult } from './calling-auth';

/** Where the Calls API posts its callbacks (the calling webhook of the Azure Bot's Teams channel). */
export const CALLS_PATH = '/api/calls';
const BODY_LIMIT = '1mb';

/** What the route needs. */
export interface CallsRouteOptions {
  /** Checks the Authorization header; absent only in local mode without Teams credentials. */
  readonly auth?: (authorization: string | undefined) => Promise<CallingAuthResult>;
  /** Applies the items; runs after the 202 is sent, its failures are logged. */
  readonly onItems: (items: CommsItem[]) => Promise<void>;
  readonly logger: Logger;
}

/** The handlers for POST /api/calls. */
export function callsRoute(opts: CallsRouteOptions): RequestHandler[] {
  const authenticate: RequestHandler = (req, res, next) => {
    if (!opts.auth) {
      next();
      return;
    }
    opts.auth(req.headers.authorization).then(
      (verdict) => {
        if (verdict.ok) {
          next();
          return;
        }
        opts.logger.warn({ reason: verdict.reason }, 'calling notification refused: no valid token of the calling service');
        res.status(401).type('text/plain').send('A valid token of the calling service is required.');
      },
      (err: unknown) => next(err),
    );
  };
  const jsonOnly: RequestHandler = (req, res, next) => {
    if (req.headers['content-type'] !== undefined && !req.is(['application/json', 'application/*+json'])) {
      res.status(415).type('text/plain').send('Invalid notification: send it as application/json.');
      return;
    }
    next();
  };
  const handle: RequestHandler = (req, res) => {
    const items = parseCommsNotifications(req.body);
    if (!items) {
      res.status(400).type('text/plain').send('Invalid notification: expected commsNotifications {"value":[…]}.');
      return;
    }
    // The Calls API wants a quick answer; the bot's work happens after it.
    res.status(202).end();
    if (items.length) opts.onItems(items).catch((err: unknown) => opts.logger.error({ err }, 'handling calling notifications failed'));
  };
  // Authenticated before the body is even read: an anonymous caller gets nothing parsed.
  return [authenticate, jsonOnly, express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'] }), handle];
}
