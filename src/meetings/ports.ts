// The ports the core calls. Adapters implement them; adapters/server.ts wires them.
import type { ConversationRef, DialIn, JoinCard, Locale, MessageRef, Reply, UserRef } from '../types';

/** A Microsoft 365 user (what Graph calls a user), as the meeting service needs it. */
export interface M365User {
  /** Entra object id. */
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName?: string;
  readonly mail?: string;
}

/** An online meeting as the meeting service returns it (Graph's onlineMeeting, normalised). */
export interface Meeting {
  /** Graph's opaque meeting id. */
  readonly id: string;
  readonly externalId?: string;
  readonly subject: string | null;
  readonly start: Date;
  readonly end: Date;
  readonly joinUrl: string;
  /** `joinMeetingIdSettings.joinMeetingId` */
  readonly meetingCode?: string;
  /** `joinMeetingIdSettings.passcode` */
  readonly passcode?: string;
  /** Graph's `audioConferencing`, when the meeting has it. */
  readonly dialIn?: DialIn;
  readonly organizer: M365User;
  readonly attendees: readonly M365User[];
  readonly chatThreadId?: string;
  readonly createdAt: Date;
}

/** What to create. */
export interface MeetingSpec {
  /** Idempotency: the same externalId yields the same meeting (Graph `createOrGet`). */
  readonly externalId: string;
  readonly organizer: M365User;
  readonly subject: string | null;
  readonly start: Date;
  readonly end: Date;
  readonly attendees: readonly M365User[];
}

/** What may change after creation (Graph PATCH: start and end together, the full attendee list). */
export interface MeetingPatch {
  readonly start?: Date;
  readonly end?: Date;
  readonly attendees?: readonly M365User[];
}

/** Microsoft Graph's onlineMeetings, or anything that speaks it. Methods throw BotError on expected failures. */
export interface MeetingService {
  /** Creates the meeting, or returns the one already made for `spec.externalId`. */
  createOrGet(spec: MeetingSpec): Promise<{ meeting: Meeting; created: boolean }>;
  get(organizerId: string, meetingId: string): Promise<Meeting>;
  update(organizerId: string, meetingId: string, patch: MeetingPatch): Promise<Meeting>;
  cancel(organizerId: string, meetingId: string): Promise<void>;
}

/** Maps chat users to Microsoft 365 users. */
export interface Directory {
  /** One answer per ref, in order; `null` when the directory has nobody for that ref. Throws BotError on service failures. */
  lookup(refs: readonly UserRef[]): Promise<ReadonlyArray<M365User | null>>;
}

/** Where a meeting's call stands, as the lifecycle tracks it. */
export type CallState =
  | { readonly state: 'idle' }
  | {
      readonly state: 'live';
      readonly callId: string;
      readonly since: Date;
      readonly participants: readonly M365User[];
      /** When the call before this one ended, if known: events at or before it belong to that call (Graph's events carry no call id). */
      readonly previousEndedAt?: Date;
    }
  | {
      readonly state: 'ended';
      readonly callId: string;
      readonly startedAt: Date;
      readonly endedAt: Date;
      /** Set once the call's attendance report was read: how many came, of everybody the meeting had. */
      readonly attendance?: { readonly attended: number; readonly invited: number };
    };

/** A meeting the bot made, with what it needs to answer about it later. */
export interface MeetingRecord {
  readonly meeting: Meeting;
  /** The chat users behind the organizer and attendees, by Entra object id, so cards can mention them. */
  readonly people: Readonly<Record<string, readonly UserRef[]>>;
  readonly instant: boolean;
  /** The time was asked for as an approximation ("3ish"); cards say so. Dropped when the meeting is moved. */
  readonly approximate?: boolean;
  readonly status: 'active' | 'cancelled';
  readonly call: CallState;
  readonly createdBy: UserRef;
  readonly conversation: ConversationRef;
  readonly updatedAt: Date;
  /** The signed "Add to my calendar" link (an .ics download), when the server offers one. */
  readonly calendarUrl?: string;
  /** The calendar event that invited everyone (`ownsMeeting`: the Teams meeting was made with it, not beside it). */
  readonly calendarEvent?: { readonly id: string; readonly ownsMeeting: boolean };
  /** Set when the installation asks (MEETBOT_CALENDAR=ask): the cards offer "Add to calendars" until it is done. */
  readonly offerCalendar?: boolean;
  /** Set when the meeting was made where ringing is on (MEETBOT_RING): its cards offer "Ring them" while it is live or instant. */
  readonly offerRing?: boolean;
  /** The last time people were rung into the call (`/meet … ring`, the Ring them button), and how each answered. */
  readonly ring?: RingState;
  /** The bot's silent leg following the call (`/meet … watch`), while it is in. */
  readonly watch?: { readonly callId: string; readonly since: Date };
  /**
   * The stored revision, set by the store on every read (a record from before versioning reads as 0).
   * Writers pass it back to `updateMeeting` so that of two concurrent changes only one is written.
   */
  readonly version?: number;
}

/** How one person rung into a call stands: still ringing, answered, declined, no answer, or in the call already (not rung). */
export type RingOutcome = 'ringing' | 'answered' | 'declined' | 'missed' | 'present';

/** People rung into a meeting's call by the bot's own call leg (Graph's participants/invite). */
export interface RingState {
  readonly startedAt: Date;
  readonly by: UserRef;
  readonly invitees: readonly { readonly user: M365User; readonly outcome: RingOutcome }[];
  /** The bot's call, once placed: events of any other call are stale. */
  readonly callId?: string;
  /** The bot left the call (or never got in): nobody rings any more, and whoever still rang did not answer. */
  readonly over?: boolean;
  /** The call could not be placed (a Calls API failure); the card says ringing failed. */
  readonly failed?: boolean;
}

/** The Calls API (`/communications/calls`): the bot's own leg in a meeting's call, service-hosted media. */
export interface CallingService {
  /** Joins `meeting`'s call and, once in, rings `invitees` (never anyone already in); resolves with the call's id. Throws BotError. */
  ring(meeting: Meeting, invitees: readonly M365User[]): Promise<string>;
  /** Joins silently to follow who is in, and leaves once the last person has left; resolves with the call's id. Throws BotError. */
  watch(meeting: Meeting): Promise<string>;
  /** Ends the bot's leg only; the meeting's call goes on. Already gone is fine. */
  leave(callId: string): Promise<void>;
}

/** A card the bot posted, so it can be updated when the meeting changes. */
export interface PostedCard {
  readonly meetingId: string;
  readonly ref: MessageRef;
  /** The language and zone the card was rendered in. */
  readonly locale: Locale;
  readonly timeZone: string;
}

/** The bot's memory. */
export interface MeetingStore {
  /**
   * Writes a new meeting's record, replacing any record with its id unconditionally (a replaced record's version
   * still moves on, so a concurrent `updateMeeting` loses). Changes to a loaded record go through `updateMeeting`.
   */
  saveMeeting(record: MeetingRecord): Promise<void>;
  /**
   * Compare-and-set: replaces the record only while its stored version is still `expectedVersion` (the version it
   * was read at, 0 when missing), and stores it as `expectedVersion + 1`. False when another writer (another server
   * instance) changed it first, or it no longer exists: re-read, re-apply, try again. `record.version` is ignored.
   */
  updateMeeting(record: MeetingRecord, expectedVersion: number): Promise<boolean>;
  getMeeting(meetingId: string): Promise<MeetingRecord | undefined>;
  /** Finds a meeting by Graph's `joinWebUrl` (call events carry it). */
  findMeetingByJoinUrl(joinUrl: string): Promise<MeetingRecord | undefined>;
  /** Active meetings organised by `organizerId` that end after `now`, soonest first. */
  listUpcoming(organizerId: string, now: Date, limit: number): Promise<MeetingRecord[]>;
  /** Active meetings whose scheduled end is after `from` and at or before `to`, earliest end first. */
  listEndedBetween(from: Date, to: Date, limit: number): Promise<MeetingRecord[]>;
  addPostedCard(card: PostedCard): Promise<void>;
  postedCards(meetingId: string): Promise<PostedCard[]>;
  /** Records a platform event id; true the first time, false for a repeat (dedup of retries). */
  markEventSeen(key: string, at: Date): Promise<boolean>;
  /** True when `markEventSeen(key)` was called before (and not forgotten): reads, never records. */
  hasSeenEvent(key: string): Promise<boolean>;
  /**
   * Records that a delivery was answered (`markEventSeen(key, at)`) and, when the answer was a card, the posted card,
   * in one write: the shorter the time between sending and recording, the smaller the window a crash can repeat it in.
   */
  recordAnswer(key: string, at: Date, card?: PostedCard): Promise<void>;
  /** Answers when the store is usable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Sends replies into the conversation a command came from. */
export interface Outbox {
  /** Posts `reply`; returns the posted message when the platform identifies it (so the card can be updated later). */
  send(reply: Reply): Promise<MessageRef | undefined>;
  /**
   * Finds the message an earlier try of this same delivery posted, if it can tell (Slack: by the message's metadata),
   * so a retried job answers once. Undefined when there is none or the platform cannot say.
   */
  findEarlier?(reply: Reply): Promise<MessageRef | undefined>;
}

/** Updates cards posted earlier, on any platform. */
export interface Messenger {
  update(card: PostedCard, view: JoinCard): Promise<void>;
  /** Posts `text` (neutral, like a text reply) in the posted card's thread; platforms without threads post beside it. */
  postInThread?(card: PostedCard, text: string): Promise<void>;
}

/** One person's time in one call, as Graph's attendanceRecord gives it. */
export interface AttendanceRecord {
  /** Entra object id, when the attendee has one. */
  readonly userId?: string;
  readonly displayName: string;
  readonly email?: string;
  readonly totalSeconds: number;
  readonly intervals: ReadonlyArray<{ readonly join: Date; readonly leave: Date; readonly seconds: number }>;
}

/** Graph's meetingAttendanceReport: one per call (session) of a meeting, with its records. */
export interface AttendanceReport {
  readonly id: string;
  readonly start: Date;
  readonly end: Date;
  readonly records: readonly AttendanceRecord[];
}

/** Graph's attendanceReports of an online meeting (they appear minutes after a call ends). */
export interface AttendanceSource {
  /** Every report of the meeting, records included, oldest first. Throws BotError on service failures. */
  reports(organizerId: string, meetingId: string): Promise<AttendanceReport[]>;
}

/** Calendar events on the organizer's and attendees' calendars (Graph's /users/{id}/events): invitations go out. */
export interface CalendarService {
  /** Creates the meeting as an event with a Teams meeting; the same `spec.externalId` finds the same event again. */
  invite(spec: MeetingSpec): Promise<{ meeting: Meeting; eventId: string }>;
  /** Puts an existing meeting on everyone's calendar: an event carrying its join data. Idempotent by meeting. */
  addEvent(meeting: Meeting): Promise<string>;
  /** Moves the event or changes who is invited (attendees: the full list). */
  update(organizerId: string, eventId: string, patch: MeetingPatch): Promise<void>;
  /** Cancels the event; attendees get `comment` with the cancellation. */
  cancel(organizerId: string, eventId: string, comment: string): Promise<void>;
}

/** Signed, expiring links to a meeting's iCalendar file, so nobody can enumerate meetings. */
export interface CalendarLinks {
  /** The link for `meeting` as it is now (it expires some time after the meeting ends); undefined when not offered. */
  linkFor(meeting: Meeting): string | undefined;
}

/** Work the core hands out as data, so that whichever instance takes it later can run it (`Bot.runTask`). */
export type BackgroundTask = {
  readonly kind: 'call-summary';
  readonly meetingId: string;
  /** The call whose attendance report is awaited. */
  readonly call: { readonly callId: string; readonly startedAt: Date; readonly endedAt: Date };
};

/** Work that waits for something outside (a report to appear): tried now and later again, bounded, surviving restarts. */
export interface Background {
  /** Runs `task` through `Bot.runTask` now, and later again while it answers false, until the tries run out. */
  schedule(task: BackgroundTask): void;
}

/** The time, passed in so tests control it. */
export interface Clock {
  now(): Date;
}

/** Structured logging (pino's shape). Never pass secrets. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
