// Which attendance report is which call, and who of the invited came: pure, so the rules are tested on their own.
import type { AttendanceRecord, AttendanceReport, M365User, MeetingRecord } from './ports';

/** An ended call as the lifecycle knows it. */
export interface EndedCall {
  readonly callId: string;
  readonly startedAt: Date;
  readonly endedAt: Date;
}

// Graph times a session by its first join and last leave, the bot by the events it got; they differ by seconds
// or, with late notifications, by a few minutes. Reports further off than this belong to another call.
const SLACK_MS = 5 * 60_000;

function overlap(report: AttendanceReport, call: EndedCall): number {
  const from = Math.max(report.start.getTime(), call.startedAt.getTime() - SLACK_MS);
  const to = Math.min(report.end.getTime(), call.endedAt.getTime() + SLACK_MS);
  return to - from;
}

/** The report of `call` among a meeting's reports (the one overlapping it most), if it has appeared yet. */
export function reportOf(reports: readonly AttendanceReport[], call: EndedCall): AttendanceReport | undefined {
  let best: AttendanceReport | undefined;
  let bestOverlap = -1;
  for (const report of reports) {
    const o = overlap(report, call);
    if (o >= 0 && o > bestOverlap) {
      best = report;
      bestOverlap = o;
    }
  }
  return best;
}

/** The reports up to and including `report`, oldest first: the calls of the meeting so far. */
export function callsSoFar(reports: readonly AttendanceReport[], report: AttendanceReport): AttendanceReport[] {
  return [...reports].filter((r) => r.start.getTime() <= report.start.getTime()).sort((a, b) => a.start.getTime() - b.start.getTime());
}

const lower = (s: string | undefined): string | undefined => s?.toLowerCase();

/** True when `record` is `user` (by object id, else by address). */
export function isUser(record: AttendanceRecord, user: M365User): boolean {
  if (record.userId && record.userId === user.id) return true;
  const email = lower(record.email);
  return email !== undefined && (email === lower(user.mail) || email === lower(user.userPrincipalName));
}

/** Everybody the meeting had: organizer first, then attendees, once each. */
export function invitedOf(record: MeetingRecord): M365User[] {
  const seen = new Set<string>();
  return [record.meeting.organizer, ...record.meeting.attendees].filter((u) => !seen.has(u.id) && Boolean(seen.add(u.id)));
}

/** One person's time over several calls, their records summed. */
export interface PersonTotal {
  readonly key: string;
  readonly displayName: string;
  readonly seconds: number;
}

/** Each person's time summed over `reports` (a rejoin in another call adds to the same person), in order of first join. */
export function totals(reports: readonly AttendanceReport[]): PersonTotal[] {
  const byKey = new Map<string, PersonTotal>();
  for (const report of reports) {
    for (const r of report.records) {
      const key = r.userId ?? lower(r.email) ?? r.displayName;
      const current = byKey.get(key);
      byKey.set(key, { key, displayName: current?.displayName ?? r.displayName, seconds: (current?.seconds ?? 0) + r.totalSeconds });
    }
  }
  return [...byKey.values()];
}

/** How many of the invited came to the call of `report`, of how many were invited. */
export function attendanceOf(record: MeetingRecord, report: AttendanceReport): { attended: number; invited: number; absent: M365User[] } {
  const invited = invitedOf(record);
  const absent = invited.filter((user) => !report.records.some((r) => isUser(r, user)));
  return { attended: invited.length - absent.length, invited: invited.length, absent };
}
