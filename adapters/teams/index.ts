// The Teams adapter: POST /api/messages through botbuilder's CloudAdapter, and a Messenger for its own cards.
// botbuilder stays inside adapters/teams, so moving to its successor SDK touches nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import type { Bot } from '../../src/bot-api';
import type { Clock, Logger, Messenger } from '../../src/bot-api';
import type { TeamsConfig } from '../config';
import { answerFailure, answerJson, mediaTypeOf, requestIdHeader, type NodeHandler } from '../http/answer';
import { createTeamsMessenger } from './messenger';
import { teamsMemberLookup, type MemberLookup } from './members';
import { cachedMemberLookup } from './member-cache';
import type { TeamsCloud } from './cloud';
import { inMemoryWork, type DurableWork } from '../jobs/durable';
import { registerTeamsWork } from './jobs';

export { toAdaptiveCard } from './card';

/** What the Teams adapter needs. Without `config` (no app id) inbound requests are not authenticated: local use only. */
export interface TeamsAdapterOptions {
  readonly config?: TeamsConfig;
  readonly bot: Bot;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Member look-up; defaults to TeamsInfo.getMember through the Bot Connector. */
  readonly lookup?: MemberLookup;
  /** Where activities are recorded and finished as jobs (the server's queue); default: in the turn, in memory. */
  readonly work?: DurableWork;
}

/** The mounted parts of the Teams adapter. */
export interface TeamsAdapter {
  /** POST /api/messages, on node's own request and response: express serves it as it is, and so can a bare server. */
  readonly handler: NodeHandler;
  /** Updates cards this adapter posted. */
  readonly messenger: Messenger;
}

const systemClock: Clock = { now: () => new Date() };

const jwtHeader = z.object({ alg: z.literal('RS256'), kid: z.string().min(1) });

/** Why a bearer value cannot be a Bot Framework token (not a JWT, not RS256, no key id); undefined when it may be one. */
function tokenShapeProblem(authorization: string): string | undefined {
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(authorization);
  if (!match?.[1]) return 'not a bearer JWT';
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
  } catch {
    return 'unreadable JWT header';
  }
  return jwtHeader.safeParse(header).success ? undefined : 'JWT not signed with RS256 and a key id';
}

/** Where the Bot Connector posts activities (the Azure Bot's messaging endpoint). */
export const TEAMS_MESSAGES_PATH = '/api/messages';

/** The largest activity accepted on /api/messages. */
export const TEAMS_BODY_LIMIT = '1mb';

// What botbuilder itself requires before it authenticates; the handler parses the rest (./activity.ts).
const activityShape = z.object({ type: z.string().min(1) }).loose();

/** botbuilder's own fix-up that CloudAdapter.process makes before processActivity: timestamps as dates, raw text kept. */
function validateActivity(body: Record<string, unknown>): Activity {
  const fixed: Record<string, unknown> = { ...body };
  for (const [key, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = body[key];
    if (typeof value === 'string') Object.assign(fixed, { [raw]: value, [key]: new Date(value) });
  }
  // The activity is the SDK's loose shape; only `type` is required before authentication, the handler parses the rest.
  return fixed as unknown as Activity;
}

/** Builds the Teams adapter: CloudAdapter + handler + messenger (CloudAdapter and handler at first use). */
export function createTeamsAdapter(opts: TeamsAdapterOptions): TeamsAdapter {
  const { logger } = opts;
  if (!opts.config) logger.warn({}, 'MICROSOFT_APP_ID is not set: Teams requests are not authenticated (local use only)');
  const deps = {
    bot: opts.bot,
    logger,
    clock: opts.clock ?? systemClock,
    lookup: opts.lookup ?? cachedMemberLookup(teamsMemberLookup),
    work: opts.work ?? inMemoryWork(logger),
  };
  // botbuilder loads with the first request, recorded job or card update that needs it (see ./sdk.ts).
  let cloud: TeamsCloud | undefined;
  const open = (): TeamsCloud => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cloud ??= (require('./cloud') as typeof import('./cloud')).openTeamsCloud(opts.config, deps);
    return cloud;
  };
  if (opts.work) registerTeamsWork(opts.work, () => open().adapter, opts.config?.appId ?? '', deps);
  // A deployment with Teams credentials serves Teams: it loads botbuilder at start, not in its first user's request.
  if (opts.config) open();
  const json = express.json({ limit: TEAMS_BODY_LIMIT });
  const refuse = (res: ServerResponse, status: number, error: string, reason: unknown): void => {
    logger.warn({ status, reason: reason instanceof Error ? reason.message : String(reason) }, 'Teams request refused');
    answerJson(res, status, { error });
  };
  const processActivity = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const shape = activityShape.safeParse((req as { body?: unknown }).body);
    if (!shape.success) return refuse(res, 400, 'Expected a Bot Framework activity: a JSON object with a "type".', 'not an activity');
    // Answered here so a request without credentials is refused without an SDK stack trace in the log.
    if (opts.config && !req.headers.authorization) return refuse(res, 401, 'Missing Authorization header.', 'no authorization header');
    // The Bot Framework signs with RS256 and a key id; anything else is refused before botbuilder fetches signing keys.
    const shapeProblem = opts.config ? tokenShapeProblem(req.headers.authorization ?? '') : undefined;
    if (shapeProblem) return refuse(res, 401, 'The request could not be authenticated.', shapeProblem);
    const { adapter, handler: bot } = open();
    // CloudAdapter.process answers 500 with the token library's reason (bad signature, HS256); anything failing
    // before the turn starts is the caller's credentials, and the reason stays in the log.
    let turnStarted = false;
    try {
      const answer = await adapter.run(req.headers.authorization ?? '', validateActivity(shape.data), (ctx) => {
        turnStarted = true;
        return bot.run(ctx);
      });
      if (answer?.body !== undefined) answerJson(res, answer.status, answer.body);
      else res.writeHead(answer?.status ?? 200).end();
    } catch (error) {
      if (!turnStarted) return refuse(res, 401, 'The request could not be authenticated.', error);
      throw error;
    }
  };
  const handler: NodeHandler = (req, res) => {
    const type = mediaTypeOf(req);
    if (type !== 'application/json') return refuse(res, 415, 'Bot Framework activities are sent as application/json.', `content-type ${type || 'missing'}`);
    json(req, res, (err?: unknown) => {
      if (err) {
        const tooLarge = (err as { status?: unknown }).status === 413;
        return refuse(res, tooLarge ? 413 : 400, tooLarge ? `The request body is larger than ${TEAMS_BODY_LIMIT}.` : 'The request body is not valid JSON.', err);
      }
      processActivity(req, res).catch((error: unknown) => {
        logger.error({ err: error, requestId: requestIdHeader(res) }, 'Teams request failed');
        answerFailure(res);
      });
    });
  };
  return { handler, messenger: createTeamsMessenger(() => open().adapter, opts.config?.appId ?? '', logger) };
}
