// A typed message (slash command, mention, DM, schedule form) -> the core's Invocation, answered through an Outbox.
import type { Invocation } from '../../src/types';
import { errorMessage } from '../../src/i18n';
import { slackConversation, type SlackDeps } from './deps';
import { createOutbox } from './outbox';
import { parseSlackText } from './text';
import { guarded } from './work';

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
  readonly botUserId?: string;
}

/** Resolves who is asking and who is mentioned (users.info), then hands the command to the core. */
export async function invoke(deps: SlackDeps, trigger: TextTrigger): Promise<void> {
  const receivedAt = deps.clock.now();
  const conversation = slackConversation(trigger.teamId, trigger.channelId, trigger.threadTs, trigger.enterpriseId);
  const outbox = createOutbox(
    { conversation, userId: trigger.userId, isDirect: trigger.isDirect, ...(trigger.responseUrl ? { responseUrl: trigger.responseUrl } : {}) },
    deps.call,
    deps.logger,
  );
  const parsed = parseSlackText(trigger.text, trigger.botUserId);
  const invoker = await deps.users(trigger.teamId, trigger.userId);
  const locale = invoker.locale ?? deps.defaultLocale;
  const [broadcast] = parsed.broadcasts;
  if (broadcast) {
    await outbox.send({ kind: 'error', code: 'unsupported_mention', text: errorMessage(locale, 'unsupported_mention', { name: broadcast }), visibility: 'ephemeral' });
    return;
  }
  const people = await Promise.all(parsed.mentions.map((m) => deps.users(trigger.teamId, m.userId)));
  const invocation: Invocation = {
    text: parsed.text,
    mentions: parsed.mentions.map((m, i) => ({ token: m.token, user: people[i] ?? { platform: 'slack', id: m.userId } })),
    invoker,
    conversation,
    receivedAt,
    idempotencyKey: trigger.idempotencyKey,
    ...(invoker.locale ? { locale: invoker.locale } : {}),
    ...(invoker.timeZone ? { timeZone: invoker.timeZone } : {}),
  };
  await guarded(() => deps.bot.handleInvocation(invocation, outbox), { outbox, locale, logger: deps.logger, patience: deps.patience });
}
