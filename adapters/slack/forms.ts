// The schedule form (global shortcut, `/meet schedule`) and the reschedule form, submitted: wrong values go back to the
// form with the core's words; the rest goes to the core after the ack.
import { BotError } from '../../src/bot-api';
import type { Locale } from '../../src/types';
import { act } from './clicks';
import { invoke } from './commands';
import { localeFor, slackConversation, tellError, type Ack, type SlackDeps } from './deps';
import type { InputOf } from './input';
import { escapeText } from './mrkdwn';
import { blockErrors, readMeta, readSchedule, readWhen, rescheduleMeta, scheduleMeta, scheduleView, VIEW_IDS } from './modals';

/** The global shortcut: the schedule form, answered in a DM with the bot. */
export async function onShortcut(deps: SlackDeps, input: InputOf<'shortcut'>, ack: Ack): Promise<void> {
  await ack();
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
    await ack();
    if (!meta) return unreadableForm(deps, input, locale);
    deps.tasks.run(() => act(deps, { ...meta, teamId: input.teamId, userId: input.userId }, 'reschedule', input.viewId, values));
    return;
  }
  const read = readMeta(scheduleMeta, input.privateMetadata);
  await ack();
  if (!read && input.privateMetadata.trim() !== '' && input.privateMetadata.trim() !== '{}') return unreadableForm(deps, input, locale);
  const meta = read ?? {};
  deps.tasks.run(async () => {
    const { subject, people } = readSchedule(input.values);
    const channelId = meta.channelId ?? (await openDirect(deps, input.userId));
    await invoke(deps, {
      teamId: input.teamId,
      userId: input.userId,
      channelId,
      text: '',
      idempotencyKey: input.viewId,
      isDirect: !meta.channelId,
      form: { meet: { subject, values }, people },
      ...(meta.responseUrl ? { responseUrl: meta.responseUrl } : {}),
      ...(meta.enterpriseId ? { enterpriseId: meta.enterpriseId } : {}),
    });
  });
}

/** A form whose private_metadata this app cannot read (not ours, or from an older version): said, not dropped. */
async function unreadableForm(deps: SlackDeps, input: InputOf<'submission'>, locale: Locale): Promise<void> {
  deps.logger.warn({ callbackId: input.callbackId, viewId: input.viewId }, 'submitted form with unreadable metadata');
  await tellError(deps, input, deps.bot.explain(new BotError('internal'), locale));
}

async function openDirect(deps: SlackDeps, userId: string): Promise<string> {
  const answer = await deps.call('conversations.open', { users: userId });
  const channel = typeof answer === 'object' && answer !== null && 'channel' in answer ? answer.channel : undefined;
  const id = typeof channel === 'object' && channel !== null && 'id' in channel && typeof channel.id === 'string' ? channel.id : undefined;
  return id ?? userId;
}
