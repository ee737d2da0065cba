// What the Slack handlers share: the core, the Slack API, and how to reach a person privately.
import { BotError, type Bot, type Clock, type ErrorReply, type Logger } from '../../src/bot-api';
import type { DurableWork } from '../jobs/durable';
import type { JobData } from '../jobs/queue';
import type { Locale } from '../../src/types';
import type { ConversationRef, UserRef } from '../../src/types';
import { slackErrorCode, type SlackCall } from './api';
import { createOutbox } from './outbox';
import type { UserLookup } from './users';
import { slackReplyText } from './mrkdwn';
import type { AfterAck, Patience } from './work';

/** Collaborators of every Slack handler. */
export interface SlackDeps {
  readonly bot: Bot;
  readonly call: SlackCall;
  readonly users: UserLookup;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Where work after the ack goes: recorded with its delivery, then run as a job. */
  readonly work: DurableWork;
  /** Quick follow-ups after an ack (opening a modal within the trigger's 3 seconds), not awaited by the listener. */
  readonly afterAck: AfterAck;
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

/** An event that could not be recorded: Slack must hear an error (and deliver it again), not a 200. */
export class NotRecorded extends Error {
  constructor(cause: unknown) {
    super('the Slack event could not be recorded', { cause });
    this.name = 'NotRecorded';
  }
}

/** True for a NotRecorded, also as Bolt hands listener errors on (wrapped, the original inside). */
export function isNotRecorded(error: unknown): boolean {
  if (error instanceof NotRecorded) return true;
  return typeof error === 'object' && error !== null && 'original' in error && error.original instanceof NotRecorded;
}

/** Bolt's ack, narrowed to what the handlers answer with. */
export type Ack = (response?: Record<string, unknown>) => Promise<void>;

/**
 * Records a trigger and its work, then acks. When it cannot be recorded, the ack itself tells the person so (and
 * nothing runs): an acknowledged command always ends in a card or an explanation.
 */
export async function acceptOrExplain(
  deps: SlackDeps,
  origin: { readonly teamId: string; readonly userId: string; readonly channelId?: string },
  ack: Ack,
  job: { readonly kind: string; readonly idempotencyKey: string; readonly payload: JobData },
): Promise<void> {
  const delivery = { conversation: slackConversation(origin.teamId, origin.channelId ?? origin.userId), idempotencyKey: job.idempotencyKey, receivedAt: deps.clock.now() };
  try {
    await deps.work.accept(delivery, job.kind, job.payload);
  } catch (err) {
    deps.logger.error({ err, kind: job.kind }, 'could not record a Slack trigger; the person is told to try again');
    const locale = deps.bot.readerOf(undefined, 'slack').locale;
    const reply = deps.bot.explain(new BotError('store_unavailable', {}, { cause: err }), locale, { where: 'slack accept' });
    await ack({ response_type: 'ephemeral', text: slackReplyText(reply.text) });
    return;
  }
  await ack();
}

/** The language the bot speaks to this Slack user, decided by the core from their profile (quickly: a trigger waits). */
export async function localeFor(deps: SlackDeps, teamId: string, userId: string): Promise<Locale> {
  return deps.bot.readerOf(await quickUser(deps, teamId, userId), 'slack').locale;
}

/** A modal that could not open (the trigger expired, Slack failed): the person hears why instead of nothing. */
export async function couldNotOpen(deps: SlackDeps, where: ReplyOrigin, error: unknown): Promise<void> {
  const locale = deps.bot.readerOf(await deps.users(where.teamId, where.userId), 'slack').locale;
  await tellError(deps, where, deps.bot.explain(error, locale, { what: 'views.open', code: slackErrorCode(error) ?? 'unknown' }));
}
