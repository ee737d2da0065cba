// A chat message to the bot -> Invocation -> the core. Typing first, then whatever the core answers.
import type { TurnContext } from 'botbuilder';
import { errorMessage } from '../../src/i18n';
import type { Invocation, UserRef } from '../../src/types';
import type { TeamsActivity } from './activity';
import { toConversationRef } from './conversation';
import { describe } from './errors';
import { resolveMentions, toUserRef } from './members';
import { stripMentions } from './mentions';
import { createTurnOutbox } from './outbox';
import { edgeErrorText, localeOf, replyText, tenantAllowed, type TurnDeps } from './turn';

type Command = Extract<TeamsActivity, { kind: 'command' }>;

/** The key under which a Teams activity is remembered, so a retried delivery is handled once. */
export function eventKey(activityId: string): string {
  return `teams:${activityId}`;
}

async function invokerOf(ctx: TurnContext, a: Command, deps: TurnDeps): Promise<UserRef> {
  const locale = localeOf(a);
  const extra = { ...(a.timeZone ? { timeZone: a.timeZone } : {}), locale };
  const base = { id: a.from.id, ...(a.from.name ? { name: a.from.name } : {}), ...(a.from.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}) };
  if (a.from.aadObjectId) return toUserRef(base, a.from.name ?? a.from.id, extra);
  // Without an Entra id the directory cannot map the sender; the member look-up usually has it.
  try {
    return toUserRef(await deps.lookup(ctx, a.from.id), a.from.name ?? a.from.id, extra);
  } catch (err) {
    deps.logger.warn(describe(err), 'could not look up the Teams sender');
    return toUserRef(base, a.from.name ?? a.from.id, extra);
  }
}

/** Handles one command message end to end; every failure becomes a short reply in the reader's language. */
export async function handleCommand(ctx: TurnContext, a: Command, deps: TurnDeps): Promise<void> {
  const locale = localeOf(a);
  if (!tenantAllowed(a, deps.allowedTenantIds)) {
    deps.logger.info({ tenantId: a.tenantId ?? null }, 'teams tenant not allowed');
    await replyText(ctx, errorMessage(locale, 'tenant_not_allowed'), deps.logger);
    return;
  }
  const receivedAt = deps.clock.now();
  if (!(await deps.store.markEventSeen(eventKey(a.id), receivedAt))) {
    deps.logger.info({ activityId: a.id }, 'teams activity already handled; ignoring the retry');
    return;
  }
  await ctx.sendActivity({ type: 'typing' });
  try {
    const stripped = stripMentions(a.text, a.mentions, a.bot.id);
    const mentions = await resolveMentions(ctx, stripped.mentions, deps.lookup);
    const invocation: Invocation = {
      text: stripped.text,
      mentions,
      invoker: await invokerOf(ctx, a, deps),
      conversation: toConversationRef(a),
      locale,
      ...(a.timeZone ? { timeZone: a.timeZone } : {}),
      receivedAt,
      idempotencyKey: a.id,
    };
    await deps.bot.handleInvocation(invocation, createTurnOutbox(ctx, invocation.conversation));
  } catch (err) {
    await replyText(ctx, edgeErrorText(err, locale, deps.logger, 'command'), deps.logger);
  }
}
