// Cancelling a meeting: the organizer only; the cards then say "Cancelled" and lose their buttons.
import { isBotError } from '../errors';
import { t } from '../i18n';
import { meetingTitle } from '../cards';
import type { ChangeRequest, ChangeResult, UseCaseDeps } from './context';
import { assertActive, loadMeeting } from './load';
import { assertOrganizer } from './organizer';
import { changeMeeting } from './versioned';
import { removeMeeting } from './calendar-events';

/** The `cancel` use case (button and typed command alike). */
export function cancelMeetingUseCase(deps: UseCaseDeps) {
  const { directory, store, clock, syncCards } = deps;
  return async function cancelMeeting(request: ChangeRequest): Promise<ChangeResult> {
    const { actor, reader, source } = request;
    let cancelled = false;
    const { record } = await changeMeeting(store, () => loadMeeting(store, request.meetingId), async (current) => {
      // Lost the race to another instance cancelling it too: what the organizer wanted has happened.
      if (cancelled && current.status === 'cancelled') return current;
      assertActive(current);
      await assertOrganizer(directory, current, actor, reader.locale, 'verb.cancel');
      if (!cancelled) {
        try {
          await removeMeeting(deps, current, t(reader.locale, 'calendar.cancelled', { name: current.meeting.organizer.displayName }));
        } catch (error) {
          // Already deleted in Teams: what the organizer wanted has happened.
          if (!isBotError(error) || error.code !== 'meeting_not_found') throw error;
        }
        cancelled = true;
      }
      return { ...current, status: 'cancelled', updatedAt: clock.now() };
    });
    await syncCards(record, source);
    return { record, message: t(reader.locale, 'reply.cancelled', { subject: meetingTitle(record, reader.locale) }) };
  };
}
