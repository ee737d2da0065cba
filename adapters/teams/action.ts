// Card buttons: Action.Execute invokes (answered in place) and the Action.Submit fallback (a message with `value`).
import type { TurnContext } from 'botbuilder';
import { errorMessage } from '../../src/i18n';
import type { ActionInvocation } from '../../src/types';
import type { ActivityBase, CardClick, TeamsActivity } from './activity';
import { toAdaptiveCard } from './card';
import { eventKey } from './command';
import { toConversationRef } from './conversation';
import { createInvokeOutbox, createTurnOutbox, cardActivity } from './outbox';
import { edgeErrorText, localeOf, replyText, tenantAllowed, type TurnDeps } from './turn';

/** The body Teams expects in answer to `adaptiveCard/action`. */
export type AdaptiveCardInvokeBody =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: Record<string, unknown> }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string };

function toActionInvocation(a: ActivityBase, click: CardClick, receivedAt: Date): ActionInvocation {
  const conversation = toConversationRef(a);
  const locale = localeOf(a);
  return {
    action: click.action,
    meetingId: click.meetingId,
    actor: {
      platform: 'teams',
      id: a.from.id,
      ...(a.from.name ? { displayName: a.from.name } : {}),
      ...(a.from.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}),
      ...(a.timeZone ? { timeZone: a.timeZone } : {}),
      locale,
    },
    conversation,
    ...(a.replyToId ? { source: { conversation, messageId: a.replyToId } } : {}),
    ...(Object.keys(click.values).length ? { values: click.values } : {}),
    locale,
    ...(a.timeZone ? { timeZone: a.timeZone } : {}),
    receivedAt,
    idempotencyKey: a.id,
  };
}

function message(text: string): AdaptiveCardInvokeBody {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/** Answers an Action.Execute click: the updated card replaces the clicked one; a refusal shows as a message. */
export async function handleExecute(ctx: TurnContext, a: Extract<TeamsActivity, { kind: 'execute' }>, deps: TurnDeps): Promise<AdaptiveCardInvokeBody> {
  const locale = localeOf(a);
  if (!tenantAllowed(a, deps.allowedTenantIds)) return message(errorMessage(locale, 'tenant_not_allowed'));
  try {
    const action = toActionInvocation(a, a.click, deps.clock.now());
    const outbox = createInvokeOutbox(ctx, action.conversation);
    const outcome = await deps.bot.handleAction(action, outbox);
    if (!outcome.updated) return message(outbox.texts.join('\n\n'));
    // The card itself shows the result; confirmations still reach the conversation.
    for (const text of outbox.texts) await replyText(ctx, text, deps.logger);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: toAdaptiveCard(outcome.updated) };
  } catch (err) {
    return message(edgeErrorText(err, locale, deps.logger, 'execute'));
  }
}

/** Handles an Action.Submit click from clients without universal actions: replies in the thread, updates the card. */
export async function handleSubmit(ctx: TurnContext, a: Extract<TeamsActivity, { kind: 'submit' }>, deps: TurnDeps): Promise<void> {
  const locale = localeOf(a);
  if (!tenantAllowed(a, deps.allowedTenantIds)) {
    await replyText(ctx, errorMessage(locale, 'tenant_not_allowed'), deps.logger);
    return;
  }
  const receivedAt = deps.clock.now();
  if (!(await deps.store.markEventSeen(eventKey(a.id), receivedAt))) return;
  try {
    const action = toActionInvocation(a, a.click, receivedAt);
    const outcome = await deps.bot.handleAction(action, createTurnOutbox(ctx, action.conversation));
    if (outcome.updated && a.replyToId) await ctx.updateActivity(cardActivity(outcome.updated, a.replyToId));
  } catch (err) {
    await replyText(ctx, edgeErrorText(err, locale, deps.logger, 'submit'), deps.logger);
  }
}
