// The three calls adapters make into the core, and what the core needs wired in. Implemented by bot.ts.
import type { ActionInvocation, Invocation, JoinCard, Locale } from './types';
import type { CallEvent } from './lifecycle/types';
import type { Command } from './commands/types';
import type { Clock, Directory, Logger, MeetingService, MeetingStore, Messenger, Outbox } from './meetings/ports';

/** Settings the core reads. */
export interface BotConfig {
  /** Meeting length when a command gives none (MEETBOT_DEFAULT_DURATION). */
  readonly defaultDurationMinutes: number;
  /** Zone for readers whose zone the platform does not tell (MEETBOT_TIME_ZONE). */
  readonly defaultTimeZone: string;
  readonly defaultLocale: Locale;
}

/** Everything the core calls out to. */
export interface BotDeps {
  readonly meetings: MeetingService;
  readonly directory: Directory;
  readonly store: MeetingStore;
  readonly messenger: Messenger;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: BotConfig;
  /** Told what each typed command asked for, once parsed (`invalid` when it could not be); for metrics, never for the answer. */
  readonly onCommand?: (invocation: Invocation, kind: Command['kind'] | 'invalid') => void;
}

/** What a card click produced for the message that carried the card. */
export interface ActionOutcome {
  /** The new view of the clicked card, in that card's language and zone; adapters update it in place. */
  readonly updated?: JoinCard;
}

/** The bot, as adapters see it. Every method resolves: failures become replies through the outbox. */
export interface Bot {
  /** A command typed in chat. Ends in a card or an explanation sent through `outbox`. */
  handleInvocation(invocation: Invocation, outbox: Outbox): Promise<void>;
  /** A card button or form. Refusals and confirmations go through `outbox` (ephemeral). */
  handleAction(action: ActionInvocation, outbox: Outbox): Promise<ActionOutcome>;
  /** A call started, changed or ended: updates the meeting and every card posted for it. */
  handleCallEvent(event: CallEvent): Promise<void>;
}
