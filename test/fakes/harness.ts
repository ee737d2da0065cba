// A bot over in-memory fakes, driven like a user: type a command, press a button, let a call happen.
import type { ActionOutcome, Bot, BotConfig, BotDeps } from '../../src/bot-api';
import { createBot } from '../../src/bot';
import type { CallEvent } from '../../src/lifecycle/types';
import type { ActionId, ConversationRef, FormValues, Mention, MessageRef, UserRef } from '../../src/types';
import { FakeClock } from './clock';
import type { FakeDirectory } from './directory';
import { FakeLogger } from './logger';
import { FakeMeetingService } from './meeting-service';
import { FakeMessenger } from './messenger';
import { FakeOutbox } from './outbox';
import { castDirectory } from './people';
import { FakeMeetingStore } from './store';

/** How a test message is sent. */
export interface SendOptions {
  readonly as: UserRef;
  readonly mentions?: readonly Mention[];
  readonly key?: string;
  /** As the platform reports it (`ru-RU`); the core decides. */
  readonly locale?: string;
  readonly timeZone?: string;
  readonly conversation?: ConversationRef;
}

/** How a test click is made. */
export interface ClickOptions {
  readonly as: UserRef;
  readonly source?: MessageRef;
  readonly values?: FormValues;
  /** The platform's event id; a fresh one per click unless given (to deliver the same click twice). */
  readonly key?: string;
  readonly conversation?: ConversationRef;
  readonly locale?: string;
  readonly timeZone?: string;
}

let keys = 0;

/**
 * What a Slack-like adapter reports for `<@ID>` tokens in a test's text, unless the test lists its mentions: each
 * token once, pointing at that id on the sender's platform (the core itself reads no platform syntax).
 */
function reportedMentions(text: string, platform: UserRef['platform']): Mention[] {
  const tokens = new Set(text.match(/<@[A-Z0-9]+>/g) ?? []);
  return [...tokens].map((token) => ({ token, user: { platform, id: token.slice(2, -1) } }));
}

/** What a second bot shares with the first, as two server instances share the database and Microsoft 365. */
export interface Shared {
  readonly clock: FakeClock;
  readonly meetings: FakeMeetingService;
  readonly directory: FakeDirectory;
  readonly store: FakeMeetingStore;
}

/** The bot and every fake behind it; with `shared`, a second bot over the same store, meeting service and directory. */
export function createHarness(
  options: { now?: string; config?: Partial<BotConfig>; shared?: Shared; onCommand?: BotDeps['onCommand']; attendance?: BotDeps['attendance']; background?: BotDeps['background']; calendar?: BotDeps['calendar']; calling?: BotDeps['calling'] } = {},
) {
  const clock = options.shared?.clock ?? new FakeClock(options.now ?? '2025-03-05T12:00:00Z');
  const meetings = options.shared?.meetings ?? new FakeMeetingService(clock);
  const directory = options.shared?.directory ?? castDirectory();
  const store = options.shared?.store ?? new FakeMeetingStore();
  const messenger = new FakeMessenger();
  const logger = new FakeLogger();
  const config: BotConfig = { defaultDurationMinutes: 30, defaultTimeZone: 'UTC', defaultLocale: 'en', ...options.config };
  const bot: Bot = createBot({ meetings, directory, store, messenger, clock, logger, config, onCommand: options.onCommand, attendance: options.attendance, background: options.background, calendar: options.calendar, ...(options.calling ? { calling: options.calling } : {}) });

  /** Types `text` as `opts.as`; resolves with the outbox holding the bot's reply. */
  async function invoke(text: string, opts: SendOptions): Promise<FakeOutbox> {
    const conversation = opts.conversation ?? { platform: opts.as.platform, id: 'general' };
    const outbox = new FakeOutbox(conversation);
    keys += 1;
    await bot.handleInvocation(
      {
        text,
        mentions: opts.mentions ?? reportedMentions(text, opts.as.platform),
        invoker: opts.as,
        conversation,
        ...(opts.locale ? { locale: opts.locale } : {}),
        ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
        receivedAt: clock.now(),
        idempotencyKey: opts.key ?? `event-${keys}`,
      },
      outbox,
    );
    return outbox;
  }

  /** Presses `action` on a card of `meetingId` as `opts.as`. */
  async function click(action: ActionId, meetingId: string, opts: ClickOptions): Promise<{ outcome: ActionOutcome; outbox: FakeOutbox }> {
    const conversation = opts.conversation ?? opts.source?.conversation ?? { platform: opts.as.platform, id: 'general' };
    const outbox = new FakeOutbox(conversation);
    keys += 1;
    const outcome = await bot.handleAction(
      {
        action,
        meetingId,
        actor: opts.as,
        conversation,
        ...(opts.source ? { source: opts.source } : {}),
        ...(opts.values ? { values: opts.values } : {}),
        ...(opts.locale ? { locale: opts.locale } : {}),
        ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
        receivedAt: clock.now(),
        idempotencyKey: opts.key ?? `action-${keys}`,
      },
      outbox,
    );
    return { outcome, outbox };
  }

  /** Delivers a call event. */
  function call(event: CallEvent): Promise<void> {
    return bot.handleCallEvent(event);
  }

  return { bot, clock, meetings, directory, store, messenger, logger, config, invoke, click, call };
}

/** The harness type. */
export type Harness = ReturnType<typeof createHarness>;
