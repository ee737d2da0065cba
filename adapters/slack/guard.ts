// What Slack requests must pass before Bolt sees them. Bolt rejects stale timestamps but accepts future ones, answers
// 500 to signed payloads it cannot dereference (no `user`, no `view`, `"event":""`), and keeps a Web API client for
// every team id it meets; so the raw body is read once here, verified, shape-checked and team-checked first.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import express from 'express';
import type { Logger } from '../../src/bot-api';
import { answerFailure, answerJson, headerOf, mediaTypeOf, type NodeHandler } from '../http/answer';
import { boltPayload, handled, teamOf, type Listeners } from './bolt-shapes';

/** How far a request's timestamp may be from now, either way (Slack's own rule). */
const MAX_SKEW_SECONDS = 300;

/** The largest body accepted on /slack/events; Slack's own payloads stay far below it. */
export const SLACK_BODY_LIMIT = '1mb';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** True when X-Slack-Request-Timestamp is within five minutes of now, past or future. */
function fresh(timestamp: string | undefined, now: number): boolean {
  const ts = Number(timestamp);
  return Number.isFinite(ts) && Math.abs(now / 1000 - ts) <= MAX_SKEW_SECONDS;
}

function signatureMatches(secret: string, ts: string, raw: Buffer, signature: string): boolean {
  const expected = `v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(raw).digest('hex')}`;
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

function parse(raw: Buffer, type: string): unknown {
  const text = raw.toString('utf8');
  if (type === JSON_TYPE) return JSON.parse(text);
  const form = parseQuery(text);
  return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
}

/** What the gate needs. */
export interface GateOptions {
  readonly signingSecret: string;
  /** The workspaces served: SLACK_ALLOWED_TEAM_IDS plus the one the bot token belongs to; rejects when unknown. */
  readonly teams: () => Promise<ReadonlySet<string>>;
  /** The words a slash command from another workspace gets back. */
  readonly refusal: string;
  /** What listeners exist (read at request time): anything else is answered at once, not after Bolt's 3 s wait. */
  readonly handles: Listeners;
  readonly logger: Logger;
  /** Where a request that passed goes, parsed: Bolt, through the receiver (./receiver.ts). */
  readonly dispatch: (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) => Promise<void>;
  readonly now?: () => number;
}

/** POST /slack/events: 401 unsigned or stale, 413 too large, 415 wrong type, 400 unreadable, refusal for other workspaces. */
export function slackGate(options: GateOptions): NodeHandler {
  const raw = express.raw({ type: () => true, limit: SLACK_BODY_LIMIT });
  const now = options.now ?? Date.now;
  const refuse = (res: ServerResponse, status: number, error: string, reason: string): void => {
    options.logger.warn({ status, reason }, 'Slack request refused');
    answerJson(res, status, { error });
  };
  return (req, res) => {
    const timestamp = headerOf(req, 'x-slack-request-timestamp');
    if (!fresh(timestamp, now())) return refuse(res, 401, 'The request is not signed by Slack, or its timestamp is too far from now.', 'stale or missing timestamp');
    const type = mediaTypeOf(req);
    if (type !== FORM && type !== JSON_TYPE) return refuse(res, 415, 'Slack requests are form-encoded or JSON.', `content-type ${type || 'missing'}`);
    raw(req, res, (error?: unknown) => {
      if (error) {
        const tooLarge = (error as { status?: unknown }).status === 413;
        return refuse(res, tooLarge ? 413 : 400, tooLarge ? `The request body is larger than ${SLACK_BODY_LIMIT}.` : 'The request body could not be read.', String(error));
      }
      const body: unknown = (req as { body?: unknown }).body;
      const buffer = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
      if (!signatureMatches(options.signingSecret, timestamp ?? '', buffer, headerOf(req, 'x-slack-signature') ?? '')) {
        return refuse(res, 401, 'The request is not signed by Slack.', 'signature mismatch');
      }
      let parsed: unknown;
      try {
        parsed = parse(buffer, type);
      } catch {
        return refuse(res, 400, 'The request body is not valid for its content type.', 'unparsable body');
      }
      const payload = boltPayload(parsed);
      if (!payload) return refuse(res, 400, 'The request is not a Slack payload meetbot handles.', 'unknown payload shape');
      if (!handled(payload, options.handles)) {
        // Events are acknowledged whatever they are (Slack retries otherwise); the rest has no handler here.
        if (payload.kind === 'event') return void res.writeHead(200).end();
        return refuse(res, 404, 'meetbot has no handler for this Slack request.', 'no listener');
      }
      // An object: its shape was checked above.
      const payloadBody = parsed as Record<string, unknown>;
      const dispatch = (): void => {
        options.dispatch(req, res, payloadBody).catch((failure: unknown) => {
          options.logger.error({ err: failure }, 'Slack request failed');
          answerFailure(res);
        });
      };
      const teamId = teamOf(payload);
      if (teamId === undefined) return dispatch();
      options.teams().then(
        (allowed) => {
          if (allowed.has(teamId)) return dispatch();
          options.logger.warn({ teamId }, 'Slack request from another workspace refused');
          if (payload.kind === 'command') return answerJson(res, 200, { response_type: 'ephemeral', text: options.refusal });
          answerJson(res, 403, { error: 'This workspace is not served by this meetbot.' });
        },
        (cause: unknown) => {
          options.logger.warn({ err: cause }, 'cannot tell which workspace the Slack token belongs to');
          res.setHeader('retry-after', '30');
          answerJson(res, 503, { error: 'meetbot cannot reach Slack right now; please try again in a moment.' });
        },
      );
    });
  };
}
