// Cancelling a meeting: the organizer only; the cards then say "Cancelled" and lose their buttons.
import { isBotError } from '../errors';
import { t } from '../i18n';
import { meetingTitle } from '../cards';
import type { ChangeRequest, ChangeResult, UseCaseDeps } from './context';
import { loadActive } from './load';
import { assertOrganizer } from './organizer';
import type { MeetingRecord } from './ports';

/** The `cancel` use case (button and typed command alike). */
export function cancelMeetingUseCase(deps: UseCaseDeps) {
  const { meetings, directory, store, clock, syncCards } = deps;
  return async function cancelMeeting(request: ChangeRequest): Promise<ChangeResult> {
    const { actor, reader, source } = request;
    const record = await loadActive(store, request.meetingId);
    await assertOrganizer(directory, record, actor, reader.locale, 'verb.cancel');
    try {
      await meetings.cancel(record.meeting.organizer.id, record.meeting.id);
    } catch (error) {
      // Already deleted in Teams: what the organizer wanted has happened.
      if (!isBotError(error) || error.code !== 'meeting_not_found') throw error;
    }
    const next: MeetingRecord = { ...record, status: 'cancelled', updatedAt: clock.now() };
    await store.saveMeeting(next);
    await syncCards(next, source);
    return { record: next, message: t(reader.locale, 'reply.cancelled', { subject: meetingTitle(next, reader.locale) }) };
  };
}
