// What the Slack handlers share: the core, the Slack API, and how to reach a person privately.
import type { Bot, Clock, ErrorReply, Logger } from '../../src/bot-api';
import type { Locale } from '../../src/types';
import type { ConversationRef, UserRef } from '../../src/types';
import { slackErrorCode, type SlackCall } from './api';
import { createOutbox } from './outbox';
import type { UserLookup } from './users';
import type { Patience, Tasks } from './work';

/** Collaborators of every Slack handler. */
export interface SlackDeps {
  readonly bot: Bot;
  readonly call: SlackCall;
  readonly users: UserLookup;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly tasks: Tasks;
  readonly patience: Patience;
}

/** The core's view of a Slack conversation: the workspace is its organisation. */
export function slackConversation(teamId: string, channelId: string, threadTs?: string, enterpriseId?: string): ConversationRef {
  return {
    platform: 'slack',
    id: channelId,
    ...(threadTs ? { threadId: threadTs } : {}),
    tenantId: teamId,
    data: { teamId, ...(enterpriseId ? { enterpriseId } : {}) },
  };
}

/** The user, or a bare ref when users.info takes over a second: for paths that must answer Slack within 3 seconds. */
export function quickUser(deps: SlackDeps, teamId: string, userId: string): Promise<UserRef> {
  const bare: UserRef = { platform: 'slack', id: userId };
  return Promise.race([deps.users(teamId, userId), new Promise<UserRef>((resolve) => setTimeout(() => resolve(bare), 1000).unref())]);
}

/** Who triggered something and where, enough to answer them privately. */
export interface ReplyOrigin {
  readonly teamId: string;
  readonly userId: string;
  /** Absent: the answer goes to the person's DM with the bot. */
  readonly channelId?: string;
  readonly responseUrl?: string;
  readonly isDirect?: boolean;
}

/** Tells the person behind `origin`, only them, why nothing happened (the words come from the core). */
export async function tellError(deps: SlackDeps, origin: ReplyOrigin, reply: ErrorReply): Promise<void> {
  const target = {
    conversation: slackConversation(origin.teamId, origin.channelId ?? origin.userId),
    userId: origin.userId,
    ...(origin.isDirect ? { isDirect: true } : {}),
    ...(origin.responseUrl ? { responseUrl: origin.responseUrl } : {}),
  };
  await createOutbox(target, deps.call, deps.logger).send(reply);
}

/** Bolt's ack, narrowed to what the handlers answer with. */
export type Ack = (response?: Record<string, unknown>) => Promise<void>;

/** The language the bot speaks to this Slack user, decided by the core from their profile (quickly: a trigger waits). */
export async function localeFor(deps: SlackDeps, teamId: string, userId: string): Promise<Locale> {
  return deps.bot.readerOf(await quickUser(deps, teamId, userId), 'slack').locale;
}

/** A modal that could not open (the trigger expired, Slack failed): the person hears why instead of nothing. */
export async function couldNotOpen(deps: SlackDeps, where: ReplyOrigin, error: unknown): Promise<void> {
  const locale = deps.bot.readerOf(await deps.users(where.teamId, where.userId), 'slack').locale;
  await tellError(deps, where, deps.bot.explain(error, locale, { what: 'views.open', code: slackErrorCode(error) ?? 'unknown' }));
}
