// The core's public surface: the bot adapters call, what it needs wired in, and everything adapters legitimately use
// (the ports Graph and the store implement, the error vocabulary, the words for platform chrome). Adapters import the
// core only from here and from ./types; a test holds them to it.
import type { CardReader } from './cards';
import type { Command } from './commands/types';
import type { ErrorReply } from './handlers/explain';
import type { ReaderReport } from './handlers/reader';
import type { CallEvent } from './lifecycle/types';
import type { RingEvent } from './lifecycle/ring';
import type { FormField } from './meetings';
import type { AttendanceSource, Background, BackgroundTask, CallingService, CalendarLinks, CalendarService, Clock, Directory, Logger, MeetingService, MeetingStore, Messenger, Outbox } from './meetings/ports';
import type { ActionInvocation, ConversationRef, FormValues, Invocation, JoinCard, Locale, Platform, UserRef } from './types';

export { createBot } from './bot';
export type * from './meetings/ports';
export type { CallEvent } from './lifecycle/types';
export type { RingEvent } from './lifecycle/ring';
export { BotError, isBotError, ok, fail, ERROR_CODES, type ErrorCode, type ErrorParams, type Result } from './errors';
export { t, errorMessage, localeOf, toLocale, LOCALES, type MessageKey } from './i18n';
export { formatMoment, isValidTimeZone, wallClock, type DateShape } from './i18n/format';
export { formatDateTime, formatRange } from './i18n/format';
export { groupedMeetingCode, shortLink } from './cards/text';
export { deliveryKey } from './handlers/admission';
export { LATE_AFTER_MS, answeredKey } from './handlers/deliver';
export { parseCommand, commandToJson, type Command, type CommandJson, type ParseContext } from './commands';
export type { CardReader, ErrorReply, ReaderReport, FormField };

/** Settings the core reads. */
export interface BotConfig {
  /** Meeting length when a command gives none (MEETBOT_DEFAULT_DURATION). */
  readonly defaultDurationMinutes: number;
  /** Zone for readers whose zone the platform does not tell (MEETBOT_TIME_ZONE). */
  readonly defaultTimeZone: string;
  readonly defaultLocale: Locale;
  /** Organisations served, per platform (Slack workspace ids, Microsoft 365 tenant ids); none listed: all. */
  readonly allowedTenants?: Partial<Record<Platform, readonly string[]>>;
  /** What "EOD" means in a command, local time (MEETBOT_END_OF_DAY); 17:00 when not given. */
  readonly endOfDay?: { readonly hour: number; readonly minute: number };
  /** Calendar invitations (MEETBOT_CALENDAR): never, for every scheduled meeting, or offered as a button on its card. */
  readonly calendar?: 'off' | 'invite' | 'ask';
  /** Ringing people into a meeting's call through the bot's own leg (MEETBOT_RING); on when a Calls API is wired. */
  readonly ring?: 'off' | 'on';
  /** Following a call from inside it (MEETBOT_WATCH): never, when `watch` is asked for (default), or every meeting made now. */
  readonly watch?: 'off' | 'on' | 'always';
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
  /** Calendar invitations (Graph events); used as `config.calendar` says. */
  readonly calendar?: CalendarService;
  /** Signed links to each scheduled meeting's .ics file, shown on its cards; without it the cards have none. */
  readonly calendarLinks?: CalendarLinks;
  /** Attendance reports, for the summary after each call; without it no summary is posted. */
  readonly attendance?: AttendanceSource;
  /** Runs the summary's wait for the report; without it the summary is tried once, at once. */
  readonly background?: Background;
  /** The Calls API (the bot's own leg in a meeting's call); without it nobody is rung and no call is followed from inside. */
  readonly calling?: CallingService;
  /** Told what each typed command asked for, once parsed (`invalid` when it could not be); for metrics, never for the answer. */
  readonly onCommand?: (invocation: Invocation, kind: Command['kind'] | 'invalid') => void;
  /** Told how long each reply of a durable delivery went unrecorded after it was sent (the window a crash could repeat it in). */
  readonly onReplyRecorded?: (unrecordedMs: number) => void;
}

/** What a card click produced for the message that carried the card. */
export interface ActionOutcome {
  /** The new view of the clicked card, in that card's language and zone; adapters update it in place. */
  readonly updated?: JoinCard;
}

/** A form's values checked: fine, or the words to show beside each wrong field. */
export type FormCheck = { readonly ok: true } | { readonly ok: false; readonly errors: Partial<Record<FormField, string>> };

/** The reschedule form for a meeting: its current date, time and length in the reader's zone, or why there is none. */
export type RescheduleForm =
  | { readonly ok: true; readonly locale: Locale; readonly values: { readonly date: string; readonly time: string; readonly durationMinutes: number } }
  | { readonly ok: false; readonly locale: Locale; readonly reply: ErrorReply };

/** The bot, as adapters see it. Every method resolves: failures become replies through the outbox. */
export interface Bot {
  /** A command typed in chat, or the schedule form. Handled once per platform event; ends in a card or an explanation. */
  handleInvocation(invocation: Invocation, outbox: Outbox): Promise<void>;
  /** A card button or form, handled once per platform event. Refusals and confirmations go through `outbox` (ephemeral). */
  handleAction(action: ActionInvocation, outbox: Outbox): Promise<ActionOutcome>;
  /** A call started, changed or ended: updates the meeting and every card posted for it. */
  handleCallEvent(event: CallEvent): Promise<void>;
  /** The bot's own leg in a call reported an answer, a decline, a ring unanswered, or its end: updates the ring and its cards. */
  handleRingEvent?(event: RingEvent): Promise<void>;
  /** The language and zone the bot answers `user` in, from what the platform reported: for chrome adapters draw. */
  readerOf(user: UserRef | undefined, platform: Platform, report?: ReaderReport): CardReader;
  /** True when the conversation's organisation may use this bot; the handlers check it too. */
  admits(conversation: ConversationRef): boolean;
  /** The words for a failure an adapter met itself (a transport failure, an unreadable payload), logged once. */
  explain(error: unknown, locale: Locale, context?: Readonly<Record<string, unknown>>): ErrorReply;
  /** Checks a form's values with the same rules the core applies on submit (`required`: the schedule form). */
  checkForm(values: FormValues, locale: Locale, opts: { readonly required: boolean }): FormCheck;
  /** Posts the summary of every call whose meeting ended lately and was not summarised yet (the server runs it now and then). */
  sweepSummaries?(): Promise<void>;
  /** One try of a task the bot handed its Background (a call summary awaiting its report); false: try again later. */
  runTask(task: BackgroundTask): Promise<boolean>;
  /** The reschedule form's starting values for `actor`. */
  rescheduleForm(meetingId: string, actor: UserRef, report?: ReaderReport): Promise<RescheduleForm>;
}
