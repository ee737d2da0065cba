// What every turn needs: the collaborators, the reader's language, and the core's words for edge failures.
import type { TurnContext } from 'botbuilder';
import type { Bot, Clock, Logger } from '../../src/bot-api';
import type { DurableWork } from '../jobs/durable';
import type { Locale, UserRef } from '../../src/types';
import type { ActivityBase } from './activity';
import { describe } from './errors';
import type { MemberLookup } from './members';
import { textActivity } from './outbox';

/** The collaborators a Teams turn uses. */
export interface TurnDeps {
  readonly bot: Bot;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly lookup: MemberLookup;
  /** Where each activity is recorded before the typing indicator, and finished as a job. */
  readonly work: DurableWork;
}

/** The reader's language for words the adapter sends itself, decided by the core from what Teams reported. */
export function localeOf(deps: TurnDeps, a: ActivityBase, user?: UserRef): Locale {
  return deps.bot.readerOf(user, 'teams', { locale: a.locale, timeZone: a.timeZone }).locale;
}

/** The core's words for an adapter-side failure (a connector call, an unexpected throw), logged by the core. */
export function edgeErrorText(deps: TurnDeps, err: unknown, locale: Locale, where: string): string {
  return deps.bot.explain(err, locale, { where: `teams ${where}` }).text;
}

/** Replies with a short text; a failure to reply is logged, never thrown (the turn is already failing). */
export async function replyText(ctx: TurnContext, text: string, logger: Logger): Promise<void> {
  try {
    await ctx.sendActivity(textActivity(text));
  } catch (err) {
    logger.warn({ ...describe(err), err }, 'could not send a reply to Teams');
  }
}
