// The schedule form (global shortcut, `/meet schedule`) and the reschedule form, submitted: wrong values go back to the
// form with the core's words; the rest goes to the core after the ack.
import { BotError } from '../../src/bot-api';
import type { Locale } from '../../src/types';
import type { JobData } from '../jobs/queue';
import { localeFor, slackConversation, tellError, type Ack, type SlackDeps } from './deps';
import { SLACK_WORK, type RecordedClick } from './jobs';
import type { InputOf } from './input';
import { escapeText } from './mrkdwn';
import { blockErrors, readMeta, readSchedule, readWhen, rescheduleMeta, scheduleMeta, scheduleView, VIEW_IDS } from './modals';

/** The global shortcut: the schedule form, answered in a DM with the bot. */
export async function onShortcut(deps: SlackDeps, input: InputOf<'shortcut'>, ack: Ack): Promise<void> {
  await ack();
  deps.afterAck.run(() => openSchedule(deps, input));
}

async function openSchedule(deps: SlackDeps, input: InputOf<'shortcut'>): Promise<void> {
  const locale = await localeFor(deps, input.teamId, input.userId);
  if (!deps.bot.admits(slackConversation(input.teamId, input.userId))) {
    const text = escapeText(deps.bot.explain(new BotError('workspace_not_allowed'), locale).text);
    const view = { type: 'modal', title: { type: 'plain_text', text: 'meetbot' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } }] };
    await deps.call('views.open', { trigger_id: input.triggerId, view });
    return;
  }
  await deps.call('views.open', { trigger_id: input.triggerId, view: scheduleView({ locale, meta: {} }) });
}

/** A submitted modal: wrong values go back to the form (checked by the core), the rest to the core after the ack. */
export async function onSubmission(deps: SlackDeps, input: InputOf<'submission'>, ack: Ack): Promise<void> {
  if (!deps.bot.admits(slackConversation(input.teamId, input.userId))) return ack();
  const locale = await localeFor(deps, input.teamId, input.userId);
  const values = readWhen(input.values);
  const check = deps.bot.checkForm(values, locale, { required: true });
  if (!check.ok) return ack({ response_action: 'errors', errors: blockErrors(check) });

  if (input.callbackId === VIEW_IDS.reschedule) {
    const meta = readMeta(rescheduleMeta, input.privateMetadata);
    if (!meta) {
      await ack();
      return deps.afterAck.run(() => unreadableForm(deps, input, locale));
    }
    const recorded: RecordedClick = { clicked: { ...meta, teamId: input.teamId, userId: input.userId }, action: 'reschedule', idempotencyKey: input.viewId, values };
    return acceptSubmission(deps, input, ack, locale, SLACK_WORK.click, { ...recorded });
  }
  const read = readMeta(scheduleMeta, input.privateMetadata);
  if (!read && input.privateMetadata.trim() !== '' && input.privateMetadata.trim() !== '{}') {
    await ack();
    return deps.afterAck.run(() => unreadableForm(deps, input, locale));
  }
  const meta = read ?? {};
  const { subject, people } = readSchedule(input.values);
  const trigger = {
    teamId: input.teamId,
    userId: input.userId,
    text: '',
    idempotencyKey: input.viewId,
    isDirect: !meta.channelId,
    form: { meet: { subject, values }, people },
    ...(meta.responseUrl ? { responseUrl: meta.responseUrl } : {}),
    ...(meta.enterpriseId ? { enterpriseId: meta.enterpriseId } : {}),
  };
  return acceptSubmission(deps, input, ack, locale, SLACK_WORK.schedule, { trigger, ...(meta.channelId ? { channelId: meta.channelId } : {}) });
}

/** Records a submitted form's work, then closes the form; when it cannot be recorded the person is told why. */
async function acceptSubmission(deps: SlackDeps, input: InputOf<'submission'>, ack: Ack, locale: Locale, kind: string, payload: JobData): Promise<void> {
  const delivery = { conversation: slackConversation(input.teamId, input.userId), idempotencyKey: input.viewId, receivedAt: deps.clock.now() };
  try {
    await deps.work.accept(delivery, kind, payload);
  } catch (err) {
    deps.logger.error({ err, kind }, 'could not record a submitted Slack form; the person is told to try again');
    await ack();
    deps.afterAck.run(() => tellError(deps, input, deps.bot.explain(new BotError('store_unavailable', {}, { cause: err }), locale)));
    return;
  }
  await ack();
}

/** A form whose private_metadata this app cannot read (not ours, or from an older version): said, not dropped. */
async function unreadableForm(deps: SlackDeps, input: InputOf<'submission'>, locale: Locale): Promise<void> {
  deps.logger.warn({ callbackId: input.callbackId, viewId: input.viewId }, 'submitted form with unreadable metadata');
  await tellError(deps, input, deps.bot.explain(new BotError('internal'), locale));
}

/** The person's DM with the bot (conversations.open), where a form sent from outside a channel is answered. */
export async function openDirect(deps: SlackDeps, userId: string): Promise<string> {
  const answer = await deps.call('conversations.open', { users: userId });
  const channel = typeof answer === 'object' && answer !== null && 'channel' in answer ? answer.channel : undefined;
  const id = typeof channel === 'object' && channel !== null && 'id' in channel && typeof channel.id === 'string' ? channel.id : undefined;
  return id ?? userId;
}
