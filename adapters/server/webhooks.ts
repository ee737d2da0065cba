// The platforms' webhooks (POST /slack/events, POST /api/messages), answered in the server's request listener ahead
// of express: they need none of its routing, and express's layers cost each command about a tenth of what the bot
// itself spends on it here. They get what express's middleware gives every request: a request id and its log line,
// nosniff, a place among the requests a graceful stop waits for. While the server drains they go on to express, which
// turns them away with its 503, and so does anything else (another method, a trailing slash).
import { answerFailure, type NodeHandler } from '../http/answer';
import type { EarlyAnswer } from './handshake';
import type { InFlight } from './in-flight';
import type { ServerLogger } from './logger';
import { logRequest } from './request-log';

/** What the webhooks need from the server. */
export interface WebhookOptions {
  /** Each webhook's handler, by its path. */
  readonly routes: ReadonlyMap<string, NodeHandler>;
  readonly draining: () => boolean;
  readonly inFlight: Pick<InFlight, 'track'>;
  readonly logger: ServerLogger;
}

/** Answers a POST to one of `routes`, or leaves the request to express. */
export function webhooks(opts: WebhookOptions): EarlyAnswer {
  return (req, res) => {
    if (req.method !== 'POST' || opts.draining()) return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const handler = opts.routes.get(query < 0 ? url : url.slice(0, query));
    if (!handler) return false;
    opts.inFlight.track(res);
    logRequest(opts.logger, req, res, () => url);
    // Machine paths carry nosniff alone, as express's browser guard gives them.
    res.setHeader('x-content-type-options', 'nosniff');
    try {
      handler(req, res);
    } catch (error) {
      // Express would have caught a handler's throw; out here it would end the process.
      opts.logger.error({ err: error }, 'request failed');
      answerFailure(res);
    }
    return true;
  };
}
