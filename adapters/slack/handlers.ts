// One function per kind of Slack input. Each acks first; slow work (users.info, Graph) runs after, in the background.
// Whether the workspace is served, whether a delivery is a repeat, and every word of an answer are the core's.
import { BotError } from '../../src/bot-api';
import type { InputOf } from './input';
import { escapeText } from './mrkdwn';
import { act, openReschedule, type ClickedCard } from './actions';
import { quickUser, slackConversation, tellError, type ReplyOrigin, type SlackDeps } from './deps';
import { invoke } from './invoke';
import { blockErrors, readMeta, readSchedule, readWhen, rescheduleMeta, scheduleMeta, scheduleView, VIEW_IDS } from './modals';
import { slackErrorCode } from './api';

/** Bolt's ack, narrowed to what these handlers answer with. */
export type Ack = (response?: Record<string, unknown>) => Promise<void>;

/** The language the bot speaks to this Slack user, decided by the core from their profile. */
async function localeFor(deps: SlackDeps, teamId: string, userId: string) {
  return deps.bot.readerOf(await quickUser(deps, teamId, userId), 'slack').locale;
}

/** A modal that could not open (the trigger expired, Slack failed): the person hears why instead of nothing. */
async function couldNotOpen(deps: SlackDeps, where: ReplyOrigin, error: unknown): Promise<void> {
  const locale = deps.bot.readerOf(await deps.users(where.teamId, where.userId), 'slack').locale;
  await tellError(deps, where, deps.bot.explain(error, locale, { what: 'views.open', code: slackErrorCode(error) ?? 'unknown' }));
}

const SCHEDULE_WORDS = new Set(['schedule', 'запланировать']);

/** `/meet …`: ack at once; `/meet schedule` opens the form, anything else goes to the core. */
export async function onCommand(deps: SlackDeps, input: InputOf<'command'>, ack: Ack): Promise<void> {
  await ack();
  const served = deps.bot.admits(slackConversation(input.teamId, input.channelId));
  if (served && SCHEDULE_WORDS.has(input.text.trim().toLowerCase())) {
    const locale = await localeFor(deps, input.teamId, input.userId);
    const meta = { channelId: input.channelId, responseUrl: input.responseUrl, ...(input.enterpriseId ? { enterpriseId: input.enterpriseId } : {}) };
    await deps.call('views.open', { trigger_id: input.triggerId, view: scheduleView({ locale, meta }) }).catch((error: unknown) => couldNotOpen(deps, input, error));
    return;
  }
  deps.tasks.run(() =>
    invoke(deps, {
      teamId: input.teamId,
      userId: input.userId,
      channelId: input.channelId,
      text: input.text,
      idempotencyKey: input.triggerId,
      responseUrl: input.responseUrl,
      isDirect: false,
      ...(input.enterpriseId ? { enterpriseId: input.enterpriseId } : {}),
    }),
  );
}

/** An app mention or a DM (Bolt has acked already); a retry Slack sends is recognised by the core. */
export async function onMessage(deps: SlackDeps, input: InputOf<'mention' | 'dm'>, botUserId: string | undefined): Promise<void> {
  const isDirect = input.kind === 'dm';
  const threadTs = isDirect ? input.threadTs : (input.threadTs ?? input.ts);
  deps.tasks.run(() =>
    invoke(deps, {
      teamId: input.teamId,
      userId: input.userId,
      channelId: input.channelId,
      text: input.text,
      idempotencyKey: input.eventId,
      isDirect,
      ...(threadTs ? { threadTs } : {}),
      ...(botUserId ? { botUserId } : {}),
    }),
  );
}

/** Cancel, Reschedule, Add me on a card. */
export async function onButton(deps: SlackDeps, input: InputOf<'button'>, ack: Ack): Promise<void> {
  await ack();
  const clicked: ClickedCard = input;
  const key = `${input.messageTs ?? input.channelId ?? ''}:${input.actionTs}`;
  if (input.action === 'reschedule' && deps.bot.admits(slackConversation(input.teamId, input.channelId ?? input.userId))) {
    await openReschedule(deps, clicked, input.triggerId).catch((error: unknown) => couldNotOpen(deps, input, error));
    return;
  }
  deps.tasks.run(() => act(deps, clicked, input.action, key));
}

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
async function unreadableForm(deps: SlackDeps, input: InputOf<'submission'>, locale: Parameters<SlackDeps['bot']['explain']>[1]): Promise<void> {
  deps.logger.warn({ callbackId: input.callbackId, viewId: input.viewId }, 'submitted form with unreadable metadata');
  await tellError(deps, input, deps.bot.explain(new BotError('internal'), locale));
}

async function openDirect(deps: SlackDeps, userId: string): Promise<string> {
  const answer = await deps.call('conversations.open', { users: userId });
  const channel = typeof answer === 'object' && answer !== null && 'channel' in answer ? answer.channel : undefined;
  const id = typeof channel === 'object' && channel !== null && 'id' in channel && typeof channel.id === 'string' ? channel.id : undefined;
  return id ?? userId;
}
