// Card buttons -> the core's ActionInvocation; the clicked card is updated in place. Reschedule opens its form first.
import type { ActionId, ActionInvocation, FormValues, JoinCard, MessageRef, UserRef } from '../../src/types';
import { postToResponseUrl } from './api';
import { toSlackMessage } from './blocks';
import { untilHandedBack, type Attempt } from '../jobs/durable';
import { acceptOrExplain, couldNotOpen, quickUser, slackConversation, tellError, type Ack, type SlackDeps } from './deps';
import { SLACK_WORK, type RecordedClick } from './jobs';
import type { InputOf } from './input';
import { rescheduleView } from './modals';
import { createOutbox } from './outbox';
import { guarded } from './work';

/** Cancel, Reschedule, Add me on a card. */
export async function onButton(deps: SlackDeps, input: InputOf<'button'>, ack: Ack): Promise<void> {
  const clicked = clickedOf(input);
  const key = `${input.messageTs ?? input.channelId ?? ''}:${input.actionTs}`;
  if (input.action === 'reschedule' && deps.bot.admits(slackConversation(input.teamId, input.channelId ?? input.userId))) {
    await ack();
    deps.afterAck.run(() => openReschedule(deps, clicked, input.triggerId).catch((error: unknown) => couldNotOpen(deps, input, error)));
    return;
  }
  const recorded: RecordedClick = { clicked, action: input.action, idempotencyKey: key };
  await acceptOrExplain(deps, input, ack, { kind: SLACK_WORK.click, idempotencyKey: key, payload: { ...recorded } });
}

/** The clicked card's coordinates, and nothing else of the payload (they are recorded with the click). */
function clickedOf(input: InputOf<'button'>): ClickedCard {
  const { teamId, userId, meetingId, channelId, messageTs, isEphemeral, responseUrl } = input;
  return { teamId, userId, meetingId, ...(channelId ? { channelId } : {}), ...(messageTs ? { messageTs } : {}), ...(isEphemeral ? { isEphemeral } : {}), ...(responseUrl ? { responseUrl } : {}) };
}

/** The card that was clicked and how to reach it again. */
export interface ClickedCard {
  readonly teamId: string;
  readonly userId: string;
  readonly meetingId: string;
  readonly channelId?: string;
  readonly messageTs?: string;
  readonly isEphemeral?: boolean;
  readonly responseUrl?: string;
}

/** Replaces the clicked message with `card`: chat.update when the message has a ts, else its response_url. */
async function updateClicked(deps: SlackDeps, clicked: ClickedCard, card: JoinCard): Promise<void> {
  const message = toSlackMessage(card);
  if (clicked.channelId && clicked.messageTs && !clicked.isEphemeral) {
    try {
      await deps.call('chat.update', { channel: clicked.channelId, ts: clicked.messageTs, ...message });
      return;
    } catch (error) {
      if (!clicked.responseUrl) throw error;
      deps.logger.info({ channel: clicked.channelId }, 'chat.update failed; replacing through response_url');
    }
  }
  if (clicked.responseUrl) await postToResponseUrl(clicked.responseUrl, { replace_original: true, ...message });
}

/** Runs `action` in the core for the clicker and updates the clicked card with the outcome. */
export async function act(deps: SlackDeps, clicked: ClickedCard, action: ActionId, idempotencyKey: string, values: FormValues | undefined, attempt: Attempt): Promise<void> {
  const { receivedAt } = attempt;
  const conversation = slackConversation(clicked.teamId, clicked.channelId ?? clicked.userId);
  const outbox = untilHandedBack(createOutbox({ conversation, userId: clicked.userId, ...(clicked.responseUrl ? { responseUrl: clicked.responseUrl } : {}) }, deps.call, deps.logger), attempt.signal);
  // A workspace the bot does not serve is refused by the core; nobody is looked up for it.
  const bare: UserRef = { platform: 'slack', id: clicked.userId };
  const actor = deps.bot.admits(conversation) ? await deps.users(clicked.teamId, clicked.userId) : bare;
  const source: MessageRef | undefined = clicked.messageTs && clicked.channelId ? { conversation, messageId: clicked.messageTs } : undefined;
  const invocation: ActionInvocation = {
    action,
    meetingId: clicked.meetingId,
    actor,
    conversation,
    receivedAt,
    idempotencyKey,
    ...(source ? { source } : {}),
    ...(values ? { values } : {}),
    ...(attempt.delivery ? { delivery: attempt.delivery } : {}),
    ...(actor.locale ? { locale: actor.locale } : {}),
    ...(actor.timeZone ? { timeZone: actor.timeZone } : {}),
  };
  const locale = deps.bot.readerOf(actor, 'slack').locale;
  const outcome = await guarded((answering) => deps.bot.handleAction(invocation, answering), { outbox, locale, bot: deps.bot, logger: deps.logger, patience: deps.patience, signal: attempt.signal });
  if (outcome?.updated) await updateClicked(deps, clicked, outcome.updated);
}

/** Opens the reschedule modal for the clicked card. Runs right after the ack: the trigger_id lives 3 seconds. */
export async function openReschedule(deps: SlackDeps, clicked: ClickedCard, triggerId: string): Promise<void> {
  const user = await quickUser(deps, clicked.teamId, clicked.userId);
  const form = await deps.bot.rescheduleForm(clicked.meetingId, user);
  if (!form.ok) {
    await tellError(deps, clicked, form.reply);
    return;
  }
  const meta = {
    meetingId: clicked.meetingId,
    ...(clicked.channelId ? { channelId: clicked.channelId } : {}),
    ...(clicked.messageTs ? { messageTs: clicked.messageTs } : {}),
    ...(clicked.responseUrl ? { responseUrl: clicked.responseUrl } : {}),
    ...(clicked.isEphemeral ? { isEphemeral: true } : {}),
  };
  const view = rescheduleView({ locale: form.locale, initial: form.values, meta });
  await deps.call('views.open', { trigger_id: triggerId, view });
}
