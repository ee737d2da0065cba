// What the local service keeps of calls, and the port it keeps it through: one row per meeting holding its live call
// (so every instance on the same database sees the same call), and the attendance reports of ended calls.

/** One person's join and leave in a call. */
export interface LocalInterval {
  readonly join: Date;
  readonly leave: Date;
}

/** Somebody in a live call, with the participant id the call gave them when they joined. */
export interface LocalParticipant {
  readonly userId: string;
  readonly participantId: string;
}

/** One person's attendance in the live call so far: closed intervals, and the join of the open one when still in. */
export interface LocalCallAttendance {
  readonly userId: string;
  readonly intervals: readonly LocalInterval[];
  readonly openSince: Date | null;
}

/** A meeting's live call. */
export interface LocalCallState {
  readonly startedAt: Date;
  /** Who is in now, in the order they joined. */
  readonly participants: readonly LocalParticipant[];
  /** Everyone who has been in this call, in the order they first joined. */
  readonly attendance: readonly LocalCallAttendance[];
}

/** A meeting's call row. */
export interface StoredCall {
  /** Bumped by every change; compare-and-set writes name the version they read. */
  readonly version: number;
  /** The last version whose events were delivered: a later change waits for it, so events leave in order. */
  readonly delivered: number;
  /** The live call; null between calls. */
  readonly call: LocalCallState | null;
}

/** The attendance report of one ended call, by user id (Graph: one per session). */
export interface StoredReport {
  readonly id: string;
  readonly meetingId: string;
  readonly organizerId: string;
  readonly start: Date;
  readonly end: Date;
  readonly records: readonly { readonly userId: string; readonly intervals: readonly LocalInterval[] }[];
}

/** Persistence of the local service's calls. */
export interface LocalCallRepo {
  /** The meeting's call row; undefined before its first call. */
  getCall(meetingId: string): Promise<StoredCall | undefined>;
  /**
   * Compare-and-set: stores `call` as version `expected + 1` when the row is still at `expected` (0: no row yet),
   * and `report` with it, atomically. False when another writer changed the call first: read again and decide again.
   */
  saveCall(meetingId: string, call: LocalCallState | null, expected: number, report?: StoredReport): Promise<boolean>;
  /** Records that the events of the changes up to `version` were delivered; never moves back. */
  markDelivered(meetingId: string, version: number): Promise<void>;
  /** The meeting's reports, oldest first, at most the `limit` most recent. */
  reportsOf(meetingId: string, limit: number): Promise<StoredReport[]>;
}
