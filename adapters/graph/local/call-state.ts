// Pure decisions of the call lifecycle: given the stored call and who joins or leaves, the next call, the events to
// send and, when the call ends, its attendance report. No I/O, so a decision can be made again after a lost write.
import type { LocalCallAttendance, LocalCallState, StoredReport } from './call-repo';
import type { LocalCallChange } from './calls';
import type { LocalUser } from './directory';
import { newGuid } from './ids';
import type { LocalMeeting } from './repo';

/** A call event before it is tied to its meeting. */
export type CallEventDraft = Omit<LocalCallChange, 'meeting'>;

/** What one join or leave does. */
export interface CallDecision<T> {
  readonly next: LocalCallState | null;
  readonly events: readonly CallEventDraft[];
  readonly report?: StoredReport;
  readonly result: T;
}

const roster = (at: Date, joined: CallEventDraft['joined'], left: CallEventDraft['left']): CallEventDraft => ({ eventId: newGuid(), eventType: 'rosterUpdated', at, joined, left });

/** `user` joins: starts a call when there is none; undefined when they are in already. */
export function joinCall(_m: LocalMeeting, call: LocalCallState | null, user: LocalUser, now: Date): CallDecision<{ started: boolean }> | undefined {
  if (call?.participants.some((p) => p.userId === user.id)) return undefined;
  const participantId = newGuid();
  const started: CallEventDraft[] = call ? [] : [{ eventId: newGuid(), eventType: 'callStarted', at: now, joined: [], left: [] }];
  const base: LocalCallState = call ?? { startedAt: now, participants: [], attendance: [] };
  const known = base.attendance.some((a) => a.userId === user.id);
  const attendance: LocalCallAttendance[] = known
    ? base.attendance.map((a) => (a.userId === user.id ? { ...a, openSince: now } : a))
    : [...base.attendance, { userId: user.id, intervals: [], openSince: now }];
  const next: LocalCallState = { ...base, participants: [...base.participants, { userId: user.id, participantId }], attendance };
  return { next, events: [...started, roster(now, [{ participantId, user }], [])], result: { started: !call } };
}

/** `user` leaves: ends the call when they were the last one in; undefined when they were not in. */
export function leaveCall(m: LocalMeeting, call: LocalCallState | null, user: LocalUser, now: Date): CallDecision<{ ended: boolean }> | undefined {
  const leaving = call?.participants.find((p) => p.userId === user.id);
  if (!call || !leaving) return undefined;
  const attendance = call.attendance.map((a) => (a.userId === user.id && a.openSince ? { userId: a.userId, intervals: [...a.intervals, { join: a.openSince, leave: now }], openSince: null } : a));
  const participants = call.participants.filter((p) => p.userId !== user.id);
  const left = roster(now, [], [{ participantId: leaving.participantId, user }]);
  if (participants.length > 0) return { next: { ...call, participants, attendance }, events: [left], result: { ended: false } };
  const report: StoredReport = {
    id: newGuid(),
    meetingId: m.id,
    organizerId: m.organizerId,
    start: call.startedAt,
    end: now,
    records: attendance.map((a) => ({ userId: a.userId, intervals: a.intervals })),
  };
  return { next: null, events: [left, { eventId: newGuid(), eventType: 'callEnded', at: now, joined: [], left: [] }], report, result: { ended: true } };
}
