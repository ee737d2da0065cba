// Typed messages -> the core's Invocation: `/meet …`, app mentions, DMs, and the schedule form's meeting. Each is
// recorded, then acked; users.info and the core run after, as a job.
import type { Invocation, MeetForm, Trigger, UserRef } from '../../src/types';
import { untilHandedBack, type Attempt } from '../jobs/durable';
import { acceptOrExplain, couldNotOpen, localeFor, NotRecorded, slackConversation, type Ack, type SlackDeps } from './deps';
import { SLACK_WORK } from './jobs';
import type { InputOf } from './input';
import { scheduleView } from './modals';
import { createOutbox } from './outbox';
import { parseSlackText, type MentionToken } from './text';
import { guarded } from './work';

const SCHEDULE_WORDS = new Set(['schedule', 'запланировать']);

/** `/meet …`: `/meet schedule` opens the form; anything else is recorded, acked, and goes to the core as a job. */
export async function onCommand(deps: SlackDeps, input: InputOf<'command'>, ack: Ack): Promise<void> {
  const served = deps.bot.admits(slackConversation(input.teamId, input.channelId));
  if (served && SCHEDULE_WORDS.has(input.text.trim().toLowerCase())) {
    await ack();
    deps.afterAck.run(async () => {
      const locale = await localeFor(deps, input.teamId, input.userId);
      const meta = { channelId: input.channelId, responseUrl: input.responseUrl, ...(input.enterpriseId ? { enterpriseId: input.enterpriseId } : {}) };
      await deps.call('views.open', { trigger_id: input.triggerId, view: scheduleView({ locale, meta }) }).catch((error: unknown) => couldNotOpen(deps, input, error));
    });
    return;
  }
  const trigger: TextTrigger = {
    teamId: input.teamId,
    userId: input.userId,
    channelId: input.channelId,
    text: input.text,
    idempotencyKey: input.triggerId,
    responseUrl: input.responseUrl,
    isDirect: false,
    trigger: 'command',
    ...(input.enterpriseId ? { enterpriseId: input.enterpriseId } : {}),
  };
  await acceptOrExplain(deps, input, ack, { kind: SLACK_WORK.text, idempotencyKey: input.triggerId, payload: { ...trigger } });
}

/**
 * An app mention or a DM, recorded before Bolt answers Slack (the receiver answers after the listener); a retry Slack
 * sends finds the record. A failure to record is thrown, so Slack hears an error and delivers the event again.
 */
export async function onMessage(deps: SlackDeps, input: InputOf<'mention' | 'dm'>, botUserId: string | undefined): Promise<void> {
  const isDirect = input.kind === 'dm';
  const threadTs = isDirect ? input.threadTs : (input.threadTs ?? input.ts);
  const trigger: TextTrigger = {
    teamId: input.teamId,
    userId: input.userId,
    channelId: input.channelId,
    text: input.text,
    idempotencyKey: input.eventId,
    isDirect,
    trigger: isDirect ? 'direct' : 'mention',
    ...(threadTs ? { threadTs } : {}),
    ...(botUserId ? { botUserId } : {}),
  };
  const delivery = { conversation: slackConversation(input.teamId, input.channelId), idempotencyKey: input.eventId, receivedAt: deps.clock.now() };
  await deps.work.accept(delivery, SLACK_WORK.text, { ...trigger }).catch((err: unknown) => {
    throw new NotRecorded(err);
  });
}

/** One message addressed to the bot. */
export interface TextTrigger {
  readonly teamId: string;
  readonly enterpriseId?: string;
  readonly userId: string;
  readonly channelId: string;
  /** Where replies go (mentions reply in their thread). */
  readonly threadTs?: string;
  /** Slack-formatted text, as Slack sent it. */
  readonly text: string;
  readonly idempotencyKey: string;
  readonly responseUrl?: string;
  readonly isDirect: boolean;
  /** How the bot was addressed (the schedule form and clicked suggestions are commands). */
  readonly trigger?: Trigger;
  readonly botUserId?: string;
  /** The schedule form's values and the people picked in it (then `text` is empty). */
  readonly form?: { readonly meet: MeetForm; readonly people: readonly string[] };
}

/** Resolves who is asking and who is mentioned (users.info), then hands the command to the core. */
export async function invoke(deps: SlackDeps, trigger: TextTrigger, attempt: Attempt): Promise<void> {
  const { receivedAt } = attempt;
  const conversation = slackConversation(trigger.teamId, trigger.channelId, trigger.threadTs, trigger.enterpriseId);
  const outbox = untilHandedBack(
    createOutbox(
      { conversation, userId: trigger.userId, isDirect: trigger.isDirect, ...(trigger.responseUrl ? { responseUrl: trigger.responseUrl } : {}), delivery: { key: trigger.idempotencyKey, since: receivedAt } },
      deps.call,
      deps.logger,
    ),
    attempt.signal,
  );
  const parsed = parseSlackText(trigger.text, trigger.botUserId);
  const picked: MentionToken[] = (trigger.form?.people ?? []).map((userId) => ({ token: `<@${userId}>`, userId }));
  // A workspace the bot does not serve is refused by the core; nobody is looked up for it.
  const served = deps.bot.admits(conversation);
  const lookup = (userId: string): Promise<UserRef> => (served ? deps.users(trigger.teamId, userId) : Promise.resolve({ platform: 'slack', id: userId }));
  const invoker = await lookup(trigger.userId);
  const locale = deps.bot.readerOf(invoker, 'slack').locale;
  const mentioned = [...parsed.mentions, ...picked];
  const people = await Promise.all(mentioned.map((m) => lookup(m.userId)));
  const invocation: Invocation = {
    text: parsed.text,
    mentions: mentioned.map((m, i) => ({ token: m.token, user: people[i] ?? { platform: 'slack', id: m.userId } })),
    invoker,
    conversation,
    receivedAt,
    idempotencyKey: trigger.idempotencyKey,
    trigger: trigger.trigger ?? 'command',
    ...(attempt.delivery ? { delivery: attempt.delivery } : {}),
    ...(invoker.locale ? { locale: invoker.locale } : {}),
    ...(invoker.timeZone ? { timeZone: invoker.timeZone } : {}),
    ...(trigger.form ? { form: trigger.form.meet } : {}),
  };
  await guarded((answering) => deps.bot.handleInvocation(invocation, answering), { outbox, locale, bot: deps.bot, logger: deps.logger, patience: deps.patience, signal: attempt.signal });
}
