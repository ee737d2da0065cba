// The tables, as Kysely sees them. Times are ISO-8601 UTC strings (sortable, identical in SQLite and PostgreSQL).

/** meetings: one MeetingRecord per Graph meeting id, the record itself as JSON. */
export interface MeetingsTable {
  id: string;
  organizer_id: string;
  join_url: string;
  status: string;
  starts_at: string;
  ends_at: string;
  record: string;
  updated_at: string;
  /** Bumped by every write; compare-and-set updates name the version they read. */
  version: number;
}

/** posted_cards: cards to update when a meeting changes. */
export interface PostedCardsTable {
  meeting_id: string;
  card_key: string;
  card: string;
  created_at: string;
}

/** seen_events: platform event ids already handled (dedup of retries). */
export interface SeenEventsTable {
  key: string;
  seen_at: string;
}

/** directory_cache: Graph directory answers (user JSON, or null for a cached miss). */
export interface DirectoryCacheTable {
  key: string;
  value: string | null;
  expires_at: string;
}

/** local_meetings: the local meeting service's meetings. */
export interface LocalMeetingsTable {
  id: string;
  organizer_id: string;
  external_id: string | null;
  join_token: string;
  /** The meeting ID people dial and type (null only for rows the 2026_011 backfill could not read). */
  join_meeting_id: string | null;
  data: string;
}

/** local_subscriptions: the local meeting service's change-notification subscriptions. */
export interface LocalSubscriptionsTable {
  id: string;
  data: string;
  /** The join token of the meeting the subscription's resource names: call events look subscriptions up by it. */
  join_token: string;
  /** The subscription's expirationDateTime, ISO-8601 UTC: live ones are those after now; expired ones are pruned. */
  expires_at: string;
}

/** call_subscriptions: Graph call-event subscriptions to renew until their meeting is over. */
export interface CallSubscriptionsTable {
  id: string;
  join_url: string;
  expires_at: string;
  meeting_ends_at: string;
  /** The subscription's own clientState secret; NULL for rows made before 2026_005 (replaced by the renewer). */
  client_state: string | null;
}

/** playground_messages: the playground's conversations, so they survive a restart like the meetings do. */
export interface PlaygroundMessagesTable {
  id: string;
  conversation: string;
  /** Order of posting (times can tie). */
  seq: number;
  /** The PlaygroundMessage as JSON. */
  message: string;
}

/** local_origin: where `meetbot serve` last served the local join pages, for `meetbot meet` to print links there. */
export interface LocalOriginTable {
  id: string;
  origin: string;
  updated_at: string;
}

/** The whole database. */
export interface DB {
  meetings: MeetingsTable;
  posted_cards: PostedCardsTable;
  seen_events: SeenEventsTable;
  directory_cache: DirectoryCacheTable;
  local_meetings: LocalMeetingsTable;
  local_subscriptions: LocalSubscriptionsTable;
  call_subscriptions: CallSubscriptionsTable;
  playground_messages: PlaygroundMessagesTable;
  local_origin: LocalOriginTable;
}
