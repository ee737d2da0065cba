// What the local meeting service keeps, and the port it keeps it through (the store implements it durably).
import type { LocalCallRepo } from './call-repo';

/** An attendee as the local service stores it. */
export interface LocalAttendee {
  readonly userId: string;
  readonly role: 'attendee' | 'presenter';
}

/** An online meeting as the local service stores it; rendered into Graph's JSON by format.ts. */
export interface LocalMeeting {
  /** Graph's meeting id: base64 of `1*{organizerId}*0**{threadId}`. */
  readonly id: string;
  readonly organizerId: string;
  readonly externalId: string | null;
  readonly subject: string | null;
  readonly start: Date;
  readonly end: Date;
  readonly createdAt: Date;
  /** The last segment of the join page URL (`/local/meetings/{joinToken}`). */
  readonly joinToken: string;
  readonly joinWebUrl: string;
  readonly threadId: string;
  readonly joinMeetingId: string;
  readonly passcode: string | null;
  readonly conferenceId: string;
  readonly attendees: readonly LocalAttendee[];
  /** Other writable Graph properties (allowMeetingChat, lobbyBypassSettings, …), echoed back as given. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** A change-notification subscription (Graph `subscription`). */
export interface LocalSubscription {
  readonly id: string;
  readonly resource: string;
  readonly changeType: string;
  readonly notificationUrl: string;
  readonly clientState: string | null;
  readonly expirationDateTime: Date;
  readonly createdAt: Date;
  /** The join token of the meeting `resource` names: call events find their subscriptions by it. */
  readonly joinToken: string;
}

/** Persistence for the local meeting service: meetings, subscriptions and (LocalCallRepo) calls. */
export interface LocalGraphRepo extends LocalCallRepo {
  /** Inserts `meeting`; when its organizer already has a meeting with the same externalId, returns that one instead. */
  createOrGet(meeting: LocalMeeting): Promise<{ meeting: LocalMeeting; created: boolean }>;
  get(id: string): Promise<LocalMeeting | undefined>;
  findByJoinToken(joinToken: string): Promise<LocalMeeting | undefined>;
  /** The meeting with this meeting ID (what `joinMeetingIdMeetingInfo` names); optional, so other repos need not index it. */
  findByJoinMeetingId?(joinMeetingId: string): Promise<LocalMeeting | undefined>;
  /** Replaces the stored meeting with the same id. */
  update(meeting: LocalMeeting): Promise<void>;
  /** True when something was deleted. */
  delete(id: string): Promise<boolean>;
  /** Inserts or replaces the subscription with the same id. */
  saveSubscription(sub: LocalSubscription): Promise<void>;
  deleteSubscription(id: string): Promise<boolean>;
  /** Subscriptions by id; with `now`, only those expiring after it (Graph forgets expired ones). */
  listSubscriptions(now?: Date): Promise<LocalSubscription[]>;
  /** The subscriptions on one meeting that expire after `now`, by id: what a call event is delivered to (indexed). */
  subscriptionsFor(joinToken: string, now: Date): Promise<LocalSubscription[]>;
  /** Deletes up to `limit` subscriptions that expired at or before `now`, oldest first; returns how many. */
  pruneSubscriptions(now: Date, limit: number): Promise<number>;
  /** One subscription by id, expired ones included until pruned (what GET, PATCH and DELETE /subscriptions/{id} read). */
  getSubscription(id: string): Promise<LocalSubscription | undefined>;
}
