// A chat message to the bot -> Invocation -> the core. Typing first, then whatever the core answers.
import type { TurnContext } from 'botbuilder';
import type { Invocation, UserRef } from '../../src/types';
import { untilHandedBack, type Attempt } from '../jobs/durable';
import type { TeamsActivity } from './activity';
import { toConversationRef } from './conversation';
import { describe } from './errors';
import { resolveMentions, toUserRef } from './members';
import { stripMentions } from './mentions';
import { createTurnOutbox } from './outbox';
import { edgeErrorText, localeOf, replyText, type TurnDeps } from './turn';

type Command = Extract<TeamsActivity, { kind: 'command' }>;

async function invokerOf(ctx: TurnContext, a: Command, deps: TurnDeps): Promise<UserRef> {
  const extra = { ...(a.timeZone ? { timeZone: a.timeZone } : {}), ...(a.locale ? { locale: a.locale } : {}) };
  const base = { id: a.from.id, ...(a.from.name ? { name: a.from.name } : {}), ...(a.from.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}) };
  if (a.from.aadObjectId) return toUserRef(base, a.from.name ?? a.from.id, extra);
  // Without an Entra id the directory cannot map the sender; the member look-up usually has it.
  try {
    return toUserRef(await deps.lookup(ctx, a.from.id), a.from.name ?? a.from.id, extra);
  } catch (err) {
    deps.logger.warn({ ...describe(err), err }, 'could not look up the Teams sender');
    return toUserRef(base, a.from.name ?? a.from.id, extra);
  }
}

/**
 * Finishes one recorded command message (in a job, through a proactive turn in its conversation); the core admits it
 * (tenant, repeats) and answers; edge failures get its words.
 */
export async function handleCommand(ctx: TurnContext, a: Command, deps: TurnDeps, attempt: Attempt): Promise<void> {
  const { receivedAt } = attempt;
  const conversation = toConversationRef(a);
  const served = deps.bot.admits(conversation);
  try {
    const stripped = stripMentions(a.text, a.mentions, a.bot.id);
    // A tenant the bot does not serve is refused by the core; nobody is looked up for it.
    const mentions = served ? await resolveMentions(ctx, stripped.mentions, deps.lookup) : [];
    const invoker: UserRef = served ? await invokerOf(ctx, a, deps) : { platform: 'teams', id: a.from.id, ...(a.locale ? { locale: a.locale } : {}) };
    const invocation: Invocation = {
      text: stripped.text,
      mentions,
      invoker,
      conversation,
      ...(a.locale ? { locale: a.locale } : {}),
      ...(a.timeZone ? { timeZone: a.timeZone } : {}),
      receivedAt,
      idempotencyKey: a.id,
      trigger: a.conversationType === 'personal' ? 'direct' : 'mention',
      ...(attempt.delivery ? { delivery: attempt.delivery } : {}),
    };
    await deps.bot.handleInvocation(invocation, untilHandedBack(createTurnOutbox(ctx, conversation), attempt.signal));
  } catch (err) {
    await replyText(ctx, edgeErrorText(deps, err, localeOf(deps, a), 'command'), deps.logger);
  }
}
