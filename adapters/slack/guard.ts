// Replay protection Bolt lacks: Bolt rejects stale timestamps but accepts any in the future.
import type { RequestHandler } from 'express';

/** How far a request's timestamp may be from now, either way (Slack's own rule). */
const MAX_SKEW_SECONDS = 300;

/** Express middleware: 401 unless X-Slack-Request-Timestamp is within five minutes of now, past or future. */
export function freshRequestsOnly(now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const ts = Number(req.get('x-slack-request-timestamp'));
    if (!Number.isFinite(ts) || Math.abs(now() / 1000 - ts) > MAX_SKEW_SECONDS) {
      res.status(401).end();
      return;
    }
    next();
  };
}
