// The core's vocabulary: what adapters hand the core and what the core hands back.
// Platform payloads never cross this line; adapters parse them into these shapes at the edge.

/** Where a user or conversation lives. `local` is the playground and the CLI. */
export type Platform = 'slack' | 'teams' | 'local';

/** The languages the bot speaks. */
export type Locale = 'en' | 'ru';

/** A person as a chat platform knows them. */
export interface UserRef {
  readonly platform: Platform;
  /** The platform's id (Slack `U123`, Teams `29:…`, local `alice`). */
  readonly id: string;
  readonly displayName?: string;
  readonly email?: string;
  /** Microsoft Entra object id, when the platform knows it (Teams). */
  readonly aadObjectId?: string;
  /** IANA zone, as the platform reports it (Slack `users.info`, Teams `localTimezone`); the core checks it. */
  readonly timeZone?: string;
  /** The language as the platform reports it (`ru-RU`, `en_US`, `ru`); the core decides which one it answers in. */
  readonly locale?: string;
}

/** A mention as typed: the literal token in the text and who it points at. */
export interface Mention {
  /**
   * Exactly as it appears in `Invocation.text` (whatever the platform's syntax); the core finds it by this literal
   * string and never reads its syntax. A mention picked in a form, absent from the text, still has a unique token.
   */
  readonly token: string;
  readonly user: UserRef;
}

/** Where a message came from and where replies go. Opaque to the core: only adapters read `data`. */
export interface ConversationRef {
  readonly platform: Platform;
  /** Channel / conversation id. */
  readonly id: string;
  /** Thread (Slack `thread_ts`, Teams reply chain) when the command came from one. */
  readonly threadId?: string;
  /** The organisation it belongs to (Slack workspace id, Microsoft 365 tenant id), checked against the allow-list. */
  readonly tenantId?: string;
  /** Adapter-private routing data (service URL, tenant, response_url, …). Must be JSON-serialisable. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A chat message addressed to the bot, as an adapter hands it to the core. */
export interface Invocation {
  /**
   * The text with the bot's own mention removed and the platform's markup undone (escapes, links, e-mail links);
   * other mentions stay as their literal tokens, listed in `mentions`.
   */
  readonly text: string;
  readonly mentions: readonly Mention[];
  readonly invoker: UserRef;
  readonly conversation: ConversationRef;
  /** What the platform said about this message's language and zone, as reported; the core decides. */
  readonly locale?: string;
  readonly timeZone?: string;
  /** A meeting asked for through a form: its values are used as typed and `text` is not parsed. */
  readonly form?: MeetForm;
  readonly receivedAt: Date;
  /** From the platform (Slack `event_id`/`trigger_id`, Teams `activity.id`); becomes Graph's `externalId`. */
  readonly idempotencyKey: string;
  /** How the bot was addressed; absent means a command. Chatter in a mention or a direct message makes no meeting. */
  readonly trigger?: Trigger;
  /** Set when the adapter recorded this delivery durably before acknowledging it (see `Delivery`). */
  readonly delivery?: Delivery;
}

/**
 * A delivery the adapter recorded (keyed by the core's delivery key) before it acknowledged the platform, and now
 * finishes as a job: already admitted once, so the core does not treat a retry of the job as a repeated event; a
 * retry checks what an earlier try answered before answering again.
 */
export interface Delivery {
  /** 0 on the first try; more after a failure or after the instance running it died. */
  readonly retryCount: number;
  /** When this try's lease runs out: a try still going after it may find that another try has answered meanwhile. */
  readonly leaseEndsAt?: Date;
}

/** A slash command (or a suggestion clicked), a mention in a channel, or a direct message (DM, personal chat). */
export type Trigger = 'command' | 'mention' | 'direct';

/** A command the bot offers to run in one click; adapters send it back as an Invocation with `trigger: 'command'`. */
export interface Suggestion {
  /** The button's words, in the reader's language. */
  readonly label: string;
  /** The command text to run, as if typed. */
  readonly text: string;
  /** The mentions `text` contains, as the original message reported them. */
  readonly mentions: readonly Mention[];
}

/** The card buttons. */
export type ActionId = 'cancel' | 'reschedule' | 'add_me' | 'add_to_calendars' | 'ring';

/** What a date/time form sends, as it sent it (read in the sender's zone); the core checks it, in one place. */
export interface FormValues {
  /** `YYYY-MM-DD` */
  readonly date?: string;
  /** `HH:mm` (seconds, if a client adds them, are ignored) */
  readonly time?: string;
  /** Whole minutes, as a number or the text of a number field. */
  readonly durationMinutes?: number | string;
}

/** The schedule form: a new meeting from typed values; attendees are the invocation's `mentions`. */
export interface MeetForm {
  readonly subject: string;
  readonly values: FormValues;
}

/** A click on a card button (or a submitted form), as an adapter hands it to the core. */
export interface ActionInvocation {
  readonly action: ActionId;
  readonly meetingId: string;
  readonly actor: UserRef;
  readonly conversation: ConversationRef;
  /** The message that carried the clicked card, so the core does not update it twice. */
  readonly source?: MessageRef;
  readonly values?: FormValues;
  /** As reported by the platform, like `Invocation.locale`. */
  readonly locale?: string;
  readonly timeZone?: string;
  readonly receivedAt: Date;
  readonly idempotencyKey: string;
  /** As on `Invocation`. */
  readonly delivery?: Delivery;
}

/** A message the bot posted, as the platform identifies it (Slack `ts`, Teams activity id). */
export interface MessageRef {
  readonly conversation: ConversationRef;
  readonly messageId: string;
}

/** A person on a card. */
export interface Person {
  readonly displayName: string;
  readonly email?: string;
  readonly aadObjectId?: string;
  /** The same person on the platform the card is rendered for, so renderers can mention them. */
  readonly user?: UserRef;
}

/** Dial-in coordinates, when the meeting has them. */
export interface DialIn {
  readonly conferenceId?: string;
  readonly tollNumbers: readonly string[];
  readonly tollFreeNumbers: readonly string[];
  readonly dialInUrl?: string;
}

/** Where a meeting's call stands. */
export type CardStatus =
  | { readonly state: 'scheduled' }
  | { readonly state: 'live'; readonly since: Date; readonly participants: readonly Person[] }
  | {
      readonly state: 'ended';
      readonly startedAt: Date;
      readonly endedAt: Date;
      readonly durationMinutes: number;
      /** From the call's attendance report, once read: how many of the invited came. */
      readonly attendance?: { readonly attended: number; readonly invited: number };
    }
  | { readonly state: 'cancelled' };

/** A button on the card, already labelled in the reader's language. */
export interface CardAction {
  readonly id: ActionId;
  readonly label: string;
  /** Confirmation question to show before running (cancel). */
  readonly confirm?: { readonly title: string; readonly text: string; readonly yes: string; readonly no: string };
}

/** Labels renderers need, already in the reader's language. */
export interface CardLabels {
  readonly join: string;
  readonly joinLink: string;
  /** The button that shows the full join link to copy. */
  readonly copyLink: string;
  readonly when: string;
  /** Said after the time of a meeting asked for as "3ish". */
  readonly approximate: string;
  readonly organizer: string;
  readonly attendees: string;
  readonly meetingId: string;
  readonly passcode: string;
  readonly dialIn: string;
  readonly status: string;
  readonly date: string;
  readonly time: string;
  readonly duration: string;
  readonly save: string;
}

/** The join card as neutral view data; each adapter renders it (Adaptive Card, Block Kit, text). */
export interface JoinCard {
  readonly meetingId: string;
  readonly title: string;
  readonly subject: string | null;
  readonly start: Date;
  readonly end: Date;
  readonly instant: boolean;
  /** Reader's zone and language, used for `timeText` and the labels. */
  readonly timeZone: string;
  readonly locale: Locale;
  /** `start`–`end` formatted in `timeZone` and `locale`, for renderers that cannot localise times themselves. */
  readonly timeText: string;
  /** The time was asked for as an approximation ("3ish"): `timeText` says so; renderers with their own time text add `labels.approximate`. */
  readonly approximate?: boolean;
  readonly organizer: Person;
  readonly attendees: readonly Person[];
  readonly joinUrl: string;
  readonly meetingCode?: string;
  readonly passcode?: string;
  readonly dialIn?: DialIn;
  /** "Add to my calendar": a signed link to the meeting's .ics file and its words; scheduled, not cancelled, meetings only. */
  readonly calendar?: { readonly url: string; readonly label: string };
  readonly status: CardStatus;
  /** `status` as a sentence in the reader's language ("Live now: Alice, Bob", "Ended, lasted 12 min"). */
  readonly statusText: string;
  /** Who the bot rang into the call and how each answered ("Ringing Carol · Bob answered"), while it matters. */
  readonly ringText?: string;
  readonly actions: readonly CardAction[];
  readonly labels: CardLabels;
  /** A one-off remark shown above the card when it was posted (an apology for a late answer); updates drop it. */
  readonly note?: string;
  /** A plain-text rendering for notifications and platforms that cannot show cards. */
  readonly fallbackText: string;
}

/** The card a confirmation is about, so renderers can link to it (Slack permalink, Teams message link). */
export interface CardLink {
  readonly card: MessageRef;
  /** The link's words in the reader's language ("Open the meeting card"). */
  readonly label: string;
}

/** Who sees a reply. */
export type Visibility = 'channel' | 'ephemeral';

/** What the core answers with. */
export type Reply =
  | { readonly kind: 'card'; readonly card: JoinCard; readonly visibility: Visibility }
  | { readonly kind: 'text'; readonly text: string; readonly visibility: Visibility; readonly about?: CardLink; readonly suggestions?: readonly Suggestion[] }
  | { readonly kind: 'error'; readonly code: string; readonly text: string; readonly visibility: 'ephemeral' };
