// The botbuilder side of the Teams adapter: CloudAdapter with its credentials, the turn's error reply and the
// activity handler. Required by index.ts at first use only (see ./sdk.ts), so nothing here runs at start.
import type { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext } from 'botbuilder';
import type { TeamsConfig } from '../config';
import { keepingClients } from './connector-cache';
import { describe } from './errors';
import { MeetbotTeamsHandler } from './handler';
import { textActivity } from './outbox';
import { botbuilder } from './sdk';
import type { TurnDeps } from './turn';

/** CloudAdapter with its processActivity reachable, so authentication failures are answered here, not by `process`. */
export interface RunnableAdapter extends CloudAdapter {
  /** Authenticates the request and runs `logic` for its turn; rejects when the credentials are wrong. */
  run(authHeader: string, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): ReturnType<CloudAdapter['processActivity']>;
}

/** The adapter and the handler its turns run. */
export interface TeamsCloud {
  readonly adapter: RunnableAdapter;
  readonly handler: MeetbotTeamsHandler;
}

function authentication(config: TeamsConfig | undefined): ConfigurationBotFrameworkAuthentication {
  if (!config) return keepingClients({});
  return keepingClients({
    MicrosoftAppId: config.appId,
    MicrosoftAppType: config.appType === 'UserAssignedMSI' ? 'UserAssignedMsi' : config.appType,
    ...(config.appPassword ? { MicrosoftAppPassword: config.appPassword } : {}),
    ...(config.tenantId ? { MicrosoftAppTenantId: config.tenantId } : {}),
  });
}

/** Builds CloudAdapter for `config` (none: unauthenticated, local use only) and the handler over `deps`. */
export function openTeamsCloud(config: TeamsConfig | undefined, deps: TurnDeps): TeamsCloud {
  const { bot } = deps;
  class Adapter extends botbuilder().CloudAdapter implements RunnableAdapter {
    run(authHeader: string, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): ReturnType<CloudAdapter['processActivity']> {
      return this.processActivity(authHeader, activity, logic);
    }
  }
  const adapter = new Adapter(authentication(config));
  adapter.onTurnError = async (ctx: TurnContext, err: Error) => {
    const locale = bot.readerOf(undefined, 'teams', { locale: ctx.activity.locale }).locale;
    const reply = bot.explain(err, locale, { ...describe(err), activityType: ctx.activity.type, where: 'teams turn' });
    if (ctx.activity.type === 'message') {
      await ctx.sendActivity(textActivity(reply.text)).catch((sendErr: unknown) => deps.logger.warn({ err: sendErr }, 'could not tell the Teams user about a failure'));
    }
  };
  return { adapter, handler: new MeetbotTeamsHandler(deps) };
}
