// After a call: read its attendance report (it appears minutes later), post one summary in each card's thread and
// show "3 of 4 attended" on the cards. Once per call, whatever the number of instances and repeated notifications.
import { isBotError } from '../errors';
import type { AttendanceReport, AttendanceSource, Background, BackgroundTask, Clock, Logger, MeetingRecord, MeetingStore, Messenger } from './ports';
import { attendanceOf, reportOf, type EndedCall } from './summary-report';
import { summaryText } from './summary-text';
import { changeMeeting } from './versioned';

/** What the summary needs. */
export interface SummaryDeps {
  readonly store: MeetingStore;
  readonly messenger: Messenger;
  readonly attendance?: AttendanceSource;
  readonly background?: Background;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly syncCards: (record: MeetingRecord) => Promise<void>;
}

/** The store key that makes a call's summary happen once across instances and paths: its report names the call. */
export const summaryKey = (meetingId: string, reportId: string): string => `summary:${meetingId}:${reportId}`;

/** `call` with its attendance, when the record still shows that call ended. */
function withAttendance(current: MeetingRecord, call: EndedCall | undefined, attendance: { attended: number; invited: number }): MeetingRecord {
  const c = current.call;
  if (c.state !== 'ended' || (call && c.callId !== call.callId)) return current;
  return { ...current, call: { ...c, attendance: { attended: attendance.attended, invited: attendance.invited } } };
}

/** Reads the reports; undefined (logged) when Graph has none to give yet. */
async function readReports(deps: SummaryDeps, record: MeetingRecord): Promise<AttendanceReport[] | undefined> {
  try {
    return (await deps.attendance?.reports(record.meeting.organizer.id, record.meeting.id)) ?? [];
  } catch (err) {
    deps.logger.warn({ meetingId: record.meeting.id, code: isBotError(err) ? err.code : undefined, err: isBotError(err) ? undefined : err }, 'could not read attendance reports yet');
    return undefined;
  }
}

/** Posts the summary of `report` in every card's thread, once: false when another instance or path already did. */
async function postOnce(deps: SummaryDeps, record: MeetingRecord, report: AttendanceReport, reports: readonly AttendanceReport[], call?: EndedCall): Promise<boolean> {
  const { store, messenger, clock, logger } = deps;
  const meetingId = record.meeting.id;
  if (!(await store.markEventSeen(summaryKey(meetingId, report.id), clock.now()))) return false;
  const attendance = attendanceOf(record, report);
  // The card counts who came when this report is of the call it shows as ended.
  const shown = record.call.state === 'ended' && reportOf([report], record.call) ? record.call : undefined;
  const { record: updated, written } = await changeMeeting(store, async () => (await store.getMeeting(meetingId)) ?? record, async (current) =>
    call || shown ? withAttendance(current, call ?? shown, attendance) : current,
  );
  if (written) await deps.syncCards(updated);
  const post = messenger.postInThread?.bind(messenger);
  if (!post) return true;
  for (const card of await store.postedCards(meetingId)) {
    try {
      await post(card, summaryText(updated, report, reports, card.locale, card.timeZone));
    } catch (err) {
      logger.warn({ err, meetingId, messageId: card.ref.messageId }, 'could not post a call summary');
    }
  }
  return true;
}

/** One try: true when the summary is done (posted now or before, or there is nothing to summarise), false to retry later. */
export function createSummaryAttempt(deps: SummaryDeps) {
  return async function attempt(meetingId: string, call: EndedCall): Promise<boolean> {
    const record = await deps.store.getMeeting(meetingId);
    if (!deps.attendance || !record || record.status === 'cancelled') return true;
    const reports = await readReports(deps, record);
    const report = reports && reportOf(reports, call);
    if (!reports || !report) return false;
    await postOnce(deps, record, report, reports, call);
    return true;
  };
}

/**
 * For meetings whose end has passed, whether or not a call-ended notification came: every report not yet summarised
 * gets its summary (a missed notification, a restart during the wait, a call-event subscription that never worked).
 */
export function createSummarySweep(deps: SummaryDeps) {
  return async function sweep(now: Date): Promise<void> {
    if (!deps.attendance) return;
    const ended = await deps.store.listEndedBetween(new Date(now.getTime() - SWEEP_WINDOW_MS), now, SWEEP_LIMIT);
    for (const record of ended) {
      // A call still going on has no report yet; one whose card already counts attendance was summarised.
      if (record.call.state === 'live' || (record.call.state === 'ended' && record.call.attendance)) continue;
      try {
        const reports = await readReports(deps, record);
        for (const report of reports ?? []) await postOnce(deps, record, report, reports ?? []);
      } catch (err) {
        deps.logger.error({ err, meetingId: record.meeting.id }, 'call summary sweep failed for a meeting');
      }
    }
  };
}

/** How far back the sweep looks: reports appear minutes after a call; a call may run past the meeting's end. */
export const SWEEP_WINDOW_MS = 3 * 3600_000;
const SWEEP_LIMIT = 200;

/** Starts the summary of an ended call: in the background with retries when there is one, else a single try now. */
export function createSummaryStarter(deps: SummaryDeps) {
  const attempt = createSummaryAttempt(deps);
  return async function startSummary(meetingId: string, call: EndedCall): Promise<void> {
    if (!deps.attendance) return;
    if (deps.background) deps.background.schedule({ kind: 'call-summary', meetingId, call });
    else await summaryTry(deps, attempt)(meetingId, call);
  };
}

/** One try of a call's summary: true when it is posted or there is nothing to post, false while the report is awaited. */
function summaryTry(deps: SummaryDeps, attempt: ReturnType<typeof createSummaryAttempt>) {
  return (meetingId: string, call: EndedCall): Promise<boolean> =>
    attempt(meetingId, call).catch((err: unknown) => {
      deps.logger.error({ err, meetingId }, 'call summary failed');
      return false;
    });
}

/** Runs one try of a task the core handed to its Background. */
export function createTaskRunner(deps: SummaryDeps) {
  const summary = summaryTry(deps, createSummaryAttempt(deps));
  return async function runTask(task: BackgroundTask): Promise<boolean> {
    switch (task.kind) {
      case 'call-summary':
        return summary(task.meetingId, task.call);
    }
  };
}
