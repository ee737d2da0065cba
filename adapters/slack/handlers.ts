// One function per kind of Slack input. Each acks first; slow work (users.info, Graph) runs after, in the background.
import type { InputOf } from './input';
import { errorMessage } from '../../src/i18n';
import { escapeText, userMention } from './mrkdwn';
import { act, openReschedule, type ClickedCard } from './actions';
import { quickUser, teamAllowed, tellError, type ReplyOrigin, type SlackDeps } from './deps';
import { invoke } from './invoke';
import { readMeta, readSchedule, readWhen, rescheduleMeta, scheduleMeta, scheduleView, VIEW_IDS } from './modals';
import { slackErrorCode } from './api';

/** Bolt's ack, narrowed to what these handlers answer with. */
export type Ack = (response?: Record<string, unknown>) => Promise<void>;

/** Tells someone from a workspace this bot does not serve, and does nothing else. */
async function refuse(deps: SlackDeps, where: ReplyOrigin): Promise<void> {
  deps.logger.info({ teamId: where.teamId }, 'request from a workspace that is not allowed');
  await tellError(deps, where, deps.defaultLocale, 'workspace_not_allowed');
}

/** A modal that could not open (the trigger expired, Slack failed): the person hears why instead of nothing. */
async function couldNotOpen(deps: SlackDeps, where: ReplyOrigin, error: unknown): Promise<void> {
  deps.logger.warn({ code: slackErrorCode(error) ?? 'unknown' }, 'views.open failed');
  const user = await deps.users(where.teamId, where.userId);
  await tellError(deps, where, user.locale ?? deps.defaultLocale, 'internal');
}

const SCHEDULE_WORDS = new Set(['schedule', 'запланировать']);

/** `/meet …`: ack at once; `/meet schedule` opens the form, anything else goes to the core. */
export async function onCommand(deps: SlackDeps, input: InputOf<'command'>, ack: Ack): Promise<void> {
  await ack();
  if (!teamAllowed(deps, input.teamId)) return deps.tasks.run(() => refuse(deps, input));
  if (SCHEDULE_WORDS.has(input.text.trim().toLowerCase())) {
    const user = await quickUser(deps, input.teamId, input.userId);
    const meta = { channelId: input.channelId, responseUrl: input.responseUrl, ...(input.enterpriseId ? { enterpriseId: input.enterpriseId } : {}) };
    await deps.call('views.open', { trigger_id: input.triggerId, view: scheduleView({ locale: user.locale ?? deps.defaultLocale, meta }) }).catch((error: unknown) => couldNotOpen(deps, input, error));
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

/** An app mention or a DM (Bolt has acked already): dropped when Slack retries one we have seen. */
export async function onMessage(deps: SlackDeps, input: InputOf<'mention' | 'dm'>, botUserId: string | undefined): Promise<void> {
  const first = await deps.store.markEventSeen(`slack:${input.teamId}:${input.eventId}`, deps.clock.now());
  if (!first) {
    deps.logger.info({ eventId: input.eventId }, 'duplicate Slack event ignored');
    return;
  }
  const isDirect = input.kind === 'dm';
  if (!teamAllowed(deps, input.teamId)) return deps.tasks.run(() => refuse(deps, { ...input, isDirect }));
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
  if (!teamAllowed(deps, input.teamId)) return deps.tasks.run(() => refuse(deps, input));
  const clicked: ClickedCard = input;
  if (input.action === 'reschedule') {
    await openReschedule(deps, clicked, input.triggerId).catch((error: unknown) => couldNotOpen(deps, input, error));
    return;
  }
  deps.tasks.run(() => act(deps, clicked, input.action, `${input.messageTs ?? input.channelId ?? ''}:${input.actionTs}`));
}

/** The global shortcut: the schedule form, answered in a DM with the bot. */
export async function onShortcut(deps: SlackDeps, input: InputOf<'shortcut'>, ack: Ack): Promise<void> {
  await ack();
  if (!teamAllowed(deps, input.teamId)) {
    const text = escapeText(errorMessage(deps.defaultLocale, 'workspace_not_allowed'));
    const view = { type: 'modal', title: { type: 'plain_text', text: 'meetbot' }, blocks: [{ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } }] };
    await deps.call('views.open', { trigger_id: input.triggerId, view });
    return;
  }
  const user = await quickUser(deps, input.teamId, input.userId);
  await deps.call('views.open', { trigger_id: input.triggerId, view: scheduleView({ locale: user.locale ?? deps.defaultLocale, meta: {} }) });
}

/** A submitted modal: invalid values go back to the form, valid ones to the core after the ack. */
export async function onSubmission(deps: SlackDeps, input: InputOf<'submission'>, ack: Ack): Promise<void> {
  if (!teamAllowed(deps, input.teamId)) return ack();
  // The form's language: cached from when the modal opened.
  const user = await quickUser(deps, input.teamId, input.userId);
  const when = readWhen(input.values, user.locale ?? deps.defaultLocale);
  if (!when.ok) return ack({ response_action: 'errors', errors: when.errors });

  if (input.callbackId === VIEW_IDS.reschedule) {
    const meta = readMeta(rescheduleMeta, input.privateMetadata);
    await ack();
    if (!meta) return;
    deps.tasks.run(() => act(deps, { ...meta, teamId: input.teamId, userId: input.userId }, 'reschedule', input.viewId, when.value));
    return;
  }
  const meta = readMeta(scheduleMeta, input.privateMetadata) ?? {};
  await ack();
  deps.tasks.run(async () => {
    const { subject, people } = readSchedule(input.values);
    const channelId = meta.channelId ?? (await openDirect(deps, input.userId));
    // The form becomes the command a person would type. Its subject is quoted; quotes and angle brackets inside are
    // swapped for look-alikes so the command parser cannot read them as the quote's end or as a Slack token.
    const safe = subject.replace(/"/g, "'").replace(/</g, '‹').replace(/>/g, '›');
    const quoted = safe ? ` "${escapeText(safe)}"` : '';
    const mentions = people.flatMap((id) => userMention(id) ?? []).map((mention) => ` ${mention}`).join('');
    const text = `${when.value.date} ${when.value.time} ${when.value.durationMinutes}m${quoted}${mentions}`;
    await invoke(deps, {
      teamId: input.teamId,
      userId: input.userId,
      channelId,
      text,
      idempotencyKey: input.viewId,
      isDirect: !meta.channelId,
      ...(meta.responseUrl ? { responseUrl: meta.responseUrl } : {}),
      ...(meta.enterpriseId ? { enterpriseId: meta.enterpriseId } : {}),
    });
  });
}

async function openDirect(deps: SlackDeps, userId: string): Promise<string> {
  const answer = await deps.call('conversations.open', { users: userId });
  const channel = typeof answer === 'object' && answer !== null && 'channel' in answer ? answer.channel : undefined;
  const id = typeof channel === 'object' && channel !== null && 'id' in channel && typeof channel.id === 'string' ? channel.id : undefined;
  return id ?? userId;
}
