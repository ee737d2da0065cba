// Card buttons: Action.Execute invokes (answered in place) and the Action.Submit fallback (a message with `value`).
// The core admits each click (tenant, repeats) and answers it.
import type { TurnContext } from 'botbuilder';
import type { ActionInvocation } from '../../src/types';
import { untilHandedBack, type Attempt } from '../jobs/durable';
import type { ActivityBase, CardClick, TeamsActivity } from './activity';
import { toAdaptiveCard } from './card';
import { toConversationRef } from './conversation';
import { createInvokeOutbox, createTurnOutbox, cardActivity } from './outbox';
import { edgeErrorText, localeOf, replyText, type TurnDeps } from './turn';

/** The body Teams expects in answer to `adaptiveCard/action`. */
export type AdaptiveCardInvokeBody =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: Record<string, unknown> }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string };

function toActionInvocation(a: ActivityBase, click: CardClick, attempt: Attempt): ActionInvocation {
  const conversation = toConversationRef(a);
  const reported = { ...(a.locale ? { locale: a.locale } : {}), ...(a.timeZone ? { timeZone: a.timeZone } : {}) };
  return {
    action: click.action,
    meetingId: click.meetingId,
    actor: {
      platform: 'teams',
      id: a.from.id,
      ...(a.from.name ? { displayName: a.from.name } : {}),
      ...(a.from.aadObjectId ? { aadObjectId: a.from.aadObjectId } : {}),
      ...reported,
    },
    conversation,
    ...(a.replyToId ? { source: { conversation, messageId: a.replyToId } } : {}),
    ...(Object.keys(click.values).length ? { values: click.values } : {}),
    ...reported,
    receivedAt: attempt.receivedAt,
    idempotencyKey: a.id,
    ...(attempt.delivery ? { delivery: attempt.delivery } : {}),
  };
}

function message(text: string): AdaptiveCardInvokeBody {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/** Answers an Action.Execute click: the updated card replaces the clicked one; a refusal shows as a message. */
export async function handleExecute(ctx: TurnContext, a: Extract<TeamsActivity, { kind: 'execute' }>, deps: TurnDeps, attempt: Attempt): Promise<AdaptiveCardInvokeBody> {
  try {
    const action = toActionInvocation(a, a.click, attempt);
    const outbox = createInvokeOutbox(ctx, action.conversation);
    const outcome = await deps.bot.handleAction(action, outbox);
    if (!outcome.updated) return message(outbox.texts.join('\n\n'));
    // The card itself shows the result; confirmations still reach the conversation.
    for (const text of outbox.texts) await replyText(ctx, text, deps.logger);
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: toAdaptiveCard(outcome.updated) };
  } catch (err) {
    return message(edgeErrorText(deps, err, localeOf(deps, a), 'execute'));
  }
}

/**
 * Finishes a card click outside its request (an Action.Submit from clients without universal actions, or an
 * Action.Execute whose request died): replies in the thread, updates the card.
 */
export async function handleSubmit(ctx: TurnContext, a: Extract<TeamsActivity, { kind: 'submit' | 'execute' }>, deps: TurnDeps, attempt: Attempt): Promise<void> {
  try {
    const action = toActionInvocation(a, a.click, attempt);
    const outcome = await deps.bot.handleAction(action, untilHandedBack(createTurnOutbox(ctx, action.conversation), attempt.signal));
    if (outcome.updated && a.replyToId) await ctx.updateActivity(cardActivity(outcome.updated, a.replyToId));
  } catch (err) {
    await replyText(ctx, edgeErrorText(deps, err, localeOf(deps, a), 'submit'), deps.logger);
  }
}
