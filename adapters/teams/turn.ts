// What every turn needs: the collaborators, the reader's language, friendly edge errors.
import type { TurnContext } from 'botbuilder';
import type { Bot } from '../../src/bot-api';
import { isBotError } from '../../src/errors';
import { errorMessage, toLocale } from '../../src/i18n';
import type { Clock, Logger, MeetingStore } from '../../src/meetings/ports';
import type { Locale } from '../../src/types';
import type { ActivityBase } from './activity';
import { describe } from './errors';
import type { MemberLookup } from './members';
import { textActivity } from './outbox';

/** The collaborators a Teams turn uses. */
export interface TurnDeps {
  readonly bot: Bot;
  readonly store: MeetingStore;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly lookup: MemberLookup;
  /** Empty: every tenant is served. */
  readonly allowedTenantIds: readonly string[];
}

/** The reader's language for messages the adapter writes itself. */
export function localeOf(a: ActivityBase): Locale {
  return toLocale(a.locale);
}

/** True when the activity's tenant may use this bot. */
export function tenantAllowed(a: ActivityBase, allowed: readonly string[]): boolean {
  return allowed.length === 0 || (a.tenantId !== undefined && allowed.includes(a.tenantId));
}

/** The user-facing words for an adapter-side failure; anything but a BotError is logged as a bug. */
export function edgeErrorText(err: unknown, locale: Locale, logger: Logger, where: string): string {
  if (isBotError(err)) {
    logger.info({ code: err.code, where }, 'teams request refused');
    return errorMessage(locale, err.code, err.params);
  }
  logger.error({ ...describe(err), where }, 'teams turn failed');
  return errorMessage(locale, 'internal');
}

/** Replies with a short text; a failure to reply is logged, never thrown (the turn is already failing). */
export async function replyText(ctx: TurnContext, text: string, logger: Logger): Promise<void> {
  try {
    await ctx.sendActivity(textActivity(text));
  } catch (err) {
    logger.warn(describe(err), 'could not send a reply to Teams');
  }
}
