// After a call: read its attendance report (it appears minutes later), post one summary in each card's thread and
// show "3 of 4 attended" on the cards. Once per call, whatever the number of instances and repeated notifications.
import { isBotError } from '../errors';
import type { AttendanceSource, Background, Clock, Logger, MeetingRecord, MeetingStore, Messenger } from './ports';
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

/** The store key that makes a call's summary happen once across instances. */
export const summaryKey = (meetingId: string, callId: string): string => `summary:${meetingId}:${callId}`;

/** `call` with its attendance, when the record still shows that call ended. */
function withAttendance(current: MeetingRecord, call: EndedCall, attendance: { attended: number; invited: number }): MeetingRecord {
  const c = current.call;
  if (c.state !== 'ended' || c.callId !== call.callId) return current;
  return { ...current, call: { ...c, attendance: { attended: attendance.attended, invited: attendance.invited } } };
}

/** One try: true when the summary is done (posted now or before, or there is nothing to summarise), false to retry later. */
export function createSummaryAttempt(deps: SummaryDeps) {
  const { store, messenger, clock, logger } = deps;
  return async function attempt(meetingId: string, call: EndedCall): Promise<boolean> {
    const source = deps.attendance;
    const record = await store.getMeeting(meetingId);
    if (!source || !record || record.status === 'cancelled') return true;
    let reports;
    try {
      reports = await source.reports(record.meeting.organizer.id, meetingId);
    } catch (err) {
      logger.warn({ meetingId, code: isBotError(err) ? err.code : undefined, err: isBotError(err) ? undefined : err }, 'could not read attendance reports yet');
      return false;
    }
    const report = reportOf(reports, call);
    if (!report) return false;
    if (!(await store.markEventSeen(summaryKey(meetingId, call.callId), clock.now()))) return true;
    const attendance = attendanceOf(record, report);
    const { record: updated, written } = await changeMeeting(store, async () => (await store.getMeeting(meetingId)) ?? record, async (current) => withAttendance(current, call, attendance));
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
  };
}

/** Starts the summary of an ended call: in the background with retries when there is one, else a single try now. */
export function createSummaryStarter(deps: SummaryDeps) {
  const attempt = createSummaryAttempt(deps);
  return async function startSummary(meetingId: string, call: EndedCall): Promise<void> {
    if (!deps.attendance) return;
    const once = () =>
      attempt(meetingId, call).catch((err: unknown) => {
        deps.logger.error({ err, meetingId }, 'call summary failed');
        return false;
      });
    if (deps.background) deps.background.retry('call-summary', once);
    else await once();
  };
}
