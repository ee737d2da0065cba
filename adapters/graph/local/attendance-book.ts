// What the local service remembers of ended calls: one attendance report per call (Graph: one per session), with
// each person's join/leave intervals. The reports are kept in the repo, written when the last person leaves.
import type { LocalInterval, StoredReport } from './call-repo';
import type { LocalContext } from './context';
import type { LocalUser } from './directory';

export type { LocalInterval } from './call-repo';

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

/** Graph returns at most the 50 most recent reports of a meeting. */
const MAX_REPORTS = 50;

function withUsers(ctx: LocalContext, r: StoredReport): LocalReport {
  const records = r.records.flatMap((rec) => {
    const user = ctx.dir.byId(rec.userId);
    return user ? [{ user, intervals: rec.intervals }] : [];
  });
  return { ...r, records };
}

/** The meeting's reports, oldest first, whichever instance ended their calls. */
export async function reportsOf(ctx: LocalContext, meetingId: string): Promise<readonly LocalReport[]> {
  return (await ctx.repo.reportsOf(meetingId, MAX_REPORTS)).map((r) => withUsers(ctx, r));
}
