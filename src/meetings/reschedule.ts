// Moving a meeting: the organizer only; a call that already ended is forgotten, since the new time is a new occasion.
import { t } from '../i18n';
import { meetingTitle } from '../cards';
import { formatRange } from '../i18n/format';
import type { RescheduleValues } from '../types';
import type { ChangeRequest, ChangeResult, UseCaseDeps } from './context';
import { loadActive } from './load';
import { assertOrganizer } from './organizer';
import type { MeetingRecord } from './ports';
import { rescheduledTimes } from './reschedule-time';

/** The `reschedule` use case. */
export function rescheduleUseCase(deps: UseCaseDeps) {
  const { meetings, directory, store, clock, syncCards } = deps;
  return async function reschedule(request: ChangeRequest & { values?: RescheduleValues }): Promise<ChangeResult> {
    const { actor, reader, source } = request;
    const record = await loadActive(store, request.meetingId);
    await assertOrganizer(directory, record, actor, reader.locale, 'verb.reschedule');
    const { start, end } = rescheduledTimes(record.meeting, request.values ?? {}, reader, clock.now());
    // Graph wants start and end together.
    const meeting = await meetings.update(record.meeting.organizer.id, record.meeting.id, { start, end });
    const call = record.call.state === 'ended' ? { state: 'idle' as const } : record.call;
    const next: MeetingRecord = { ...record, meeting, call, updatedAt: clock.now() };
    await store.saveMeeting(next);
    await syncCards(next, source);
    const time = formatRange(start, end, reader.locale, reader.timeZone);
    return { record: next, message: t(reader.locale, 'reply.rescheduled', { subject: meetingTitle(next, reader.locale), time }) };
  };
}
