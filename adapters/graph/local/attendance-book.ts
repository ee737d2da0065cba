// What the local service remembers of ended calls: one attendance report per call (Graph: one per session), with
// each person's join/leave intervals. Fed by the call hub's changes; kept in memory like the live calls themselves.
import type { LocalCallChange } from './calls';
import type { LocalUser } from './directory';
import { newGuid } from './ids';

/** One person's join and leave in a call. */
export interface LocalInterval {
  readonly join: Date;
  readonly leave: Date;
}

/** One person's record in one call. */
export interface LocalAttendance {
  readonly user: LocalUser;
  readonly intervals: readonly LocalInterval[];
}

/** A report of one ended call. */
export interface LocalReport {
  readonly id: string;
  readonly meetingId: string;
  readonly organizerId: string;
  readonly start: Date;
  readonly end: Date;
  readonly records: readonly LocalAttendance[];
}

interface OpenCall {
  readonly start: Date;
  readonly joins: Map<string, { user: LocalUser; open?: Date; closed: LocalInterval[] }>;
}

/** Reports of ended calls, by meeting. */
export class AttendanceBook {
  private readonly open = new Map<string, OpenCall>();
  private readonly reports = new Map<string, LocalReport[]>();

  /** Takes one call change, in the order they happen. */
  record(change: LocalCallChange): void {
    const id = change.meeting.id;
    if (change.eventType === 'callStarted') {
      this.open.set(id, { start: change.at, joins: new Map() });
      return;
    }
    const call = this.open.get(id);
    if (!call) return;
    for (const { user } of change.joined) {
      const entry = call.joins.get(user.id) ?? { user, closed: [] };
      entry.open = change.at;
      call.joins.set(user.id, entry);
    }
    for (const { user } of change.left) {
      const entry = call.joins.get(user.id);
      if (entry?.open) {
        entry.closed.push({ join: entry.open, leave: change.at });
        delete entry.open;
      }
    }
    if (change.eventType !== 'callEnded') return;
    this.open.delete(id);
    const records = [...call.joins.values()].map((e) => ({ user: e.user, intervals: e.open ? [...e.closed, { join: e.open, leave: change.at }] : e.closed }));
    const report: LocalReport = { id: newGuid(), meetingId: id, organizerId: change.meeting.organizerId, start: call.start, end: change.at, records };
    this.reports.set(id, [...(this.reports.get(id) ?? []), report]);
  }

  /** The meeting's reports, oldest first (Graph returns at most the 50 most recent). */
  reportsOf(meetingId: string): readonly LocalReport[] {
    return (this.reports.get(meetingId) ?? []).slice(-50);
  }
}
