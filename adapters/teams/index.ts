// The Teams adapter: POST /api/messages through botbuilder's CloudAdapter, and a Messenger for its own cards.
// botbuilder stays inside adapters/teams, so moving to its successor SDK touches nothing else.
import express, { type RequestHandler } from 'express';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Bot } from '../../src/bot-api';
import type { Clock, Logger, Messenger } from '../../src/bot-api';
import type { TeamsConfig } from '../config';
import { describe } from './errors';
import { MeetbotTeamsHandler } from './handler';
import { createTeamsMessenger } from './messenger';
import { teamsMemberLookup, type MemberLookup } from './members';
import { textActivity } from './outbox';

export { toAdaptiveCard } from './card';

/** What the Teams adapter needs. Without `config` (no app id) inbound requests are not authenticated: local use only. */
export interface TeamsAdapterOptions {
  readonly config?: TeamsConfig;
  readonly bot: Bot;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Member look-up; defaults to TeamsInfo.getMember through the Bot Connector. */
  readonly lookup?: MemberLookup;
}

/** The mounted parts of the Teams adapter. */
export interface TeamsAdapter {
  /** Express handler for POST /api/messages (parses JSON itself when no body parser ran). */
  readonly handler: RequestHandler;
  /** Updates cards this adapter posted. */
  readonly messenger: Messenger;
}

const systemClock: Clock = { now: () => new Date() };

function authentication(config: TeamsConfig | undefined): ConfigurationBotFrameworkAuthentication {
  if (!config) return new ConfigurationBotFrameworkAuthentication({});
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppType: config.appType === 'UserAssignedMSI' ? 'UserAssignedMsi' : config.appType,
    ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
    ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
  });
}

/** Builds the Teams adapter: CloudAdapter + handler + messenger. */
export function createTeamsAdapter(opts: TeamsAdapterOptions): TeamsAdapter {
  const { logger } = opts;
  const adapter = new CloudAdapter(authentication(opts.config));
  if (!opts.config) logger.warn({}, 'MICROSOFT_APP_ID is not set: Teams requests are not authenticated (local use only)');
  adapter.onTurnError = async (ctx: TurnContext, err: Error) => {
    const locale = opts.bot.readerOf(undefined, 'teams', { locale: ctx.activity.locale }).locale;
    const reply = opts.bot.explain(err, locale, { ...describe(err), activityType: ctx.activity.type, where: 'teams turn' });
    if (ctx.activity.type === 'message') {
      await ctx.sendActivity(textActivity(reply.text)).catch((sendErr: unknown) => logger.warn({ err: sendErr }, 'could not tell the Teams user about a failure'));
    }
  };
  const bot = new MeetbotTeamsHandler({
    bot: opts.bot,
    logger,
    clock: opts.clock ?? systemClock,
    lookup: opts.lookup ?? teamsMemberLookup,
  });
  const json = express.json({ limit: '1mb' });
  const processActivity: RequestHandler = async (req, res) => {
    if (typeof req.body !== 'object' || req.body === null) {
      res.status(400).json({ error: 'expected a JSON Bot Framework activity' });
      return;
    }
    // Answered here so a request without credentials is refused without an SDK stack trace in the log.
    if (opts.config && !req.headers.authorization) {
      res.status(401).json({ error: 'missing Authorization header' });
      return;
    }
    await adapter.process(req, res, (ctx) => bot.run(ctx));
  };
  const handler: RequestHandler = (req, res, next) => {
    json(req, res, (err?: unknown) => {
      if (err) {
        res.status(400).json({ error: 'the request body is not valid JSON' });
        return;
      }
      Promise.resolve(processActivity(req, res, next)).catch(next);
    });
  };
  return { handler, messenger: createTeamsMessenger(adapter, opts.config?.appId ?? '', logger) };
}
