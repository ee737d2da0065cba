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

/** local_calls: the local meeting service's call of each meeting, so every instance on the database sees one call. */
export interface LocalCallsTable {
  meeting_id: string;
  /** Bumped by every change: joins and leaves compare-and-set on it. */
  version: number;
  /** The last version whose call events were delivered. */
  delivered: number;
  /** The live call as JSON; NULL between calls. */
  data: string | null;
  /** The report of the meeting's last ended call: the head of the chain of its reports. */
  last_report_id: string | null;
}

/** local_attendance_reports: one per ended call of the local meeting service, chained newest to oldest. */
export interface LocalAttendanceReportsTable {
  id: string;
  meeting_id: string;
  /** The report of the call before; only reports reachable from local_calls.last_report_id count. */
  previous_id: string | null;
  data: string;
}

/** jobs: the SQLite job queue (adapters/jobs/sqlite-queue.ts); finished jobs are deleted, dead ones stay. */
export interface JobsTable {
  id: string;
  name: string;
  /** The payload as JSON. */
  data: string;
  state: 'queued' | 'retry' | 'active' | 'dead';
  /** Tries after the first so far. */
  retry_count: number;
  retry_limit: number;
  singleton_key: string | null;
  start_after: string;
  /** When the last try started (NULL before the first). */
  started_at: string | null;
  /** When the running try's lease runs out. */
  lease_until: string | null;
  created_at: string;
  /** The last failure, as text. */
  error: string | null;
  /** 1 when the last try ended because its lease ran out (its process died or stalled). */
  expired: number;
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
  local_calls: LocalCallsTable;
  local_attendance_reports: LocalAttendanceReportsTable;
  jobs: JobsTable;
}
