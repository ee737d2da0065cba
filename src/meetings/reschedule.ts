// Moving a meeting: the organizer only; a call that already ended is forgotten, since the new time is a new occasion.
import { t } from '../i18n';
import { meetingTitle } from '../cards';
import { formatRange } from '../i18n/format';
import type { FormValues } from '../types';
import type { ChangeRequest, ChangeResult, UseCaseDeps } from './context';
import { loadActive } from './load';
import { assertOrganizer } from './organizer';
import { formTimes, isAt } from './form-times';
import { changeMeeting } from './versioned';
import { calendarLink } from './calendar-link';
import { moveMeeting } from './calendar-events';

type Times = { readonly start: Date; readonly end: Date };

/** The `reschedule` use case. */
export function rescheduleUseCase(deps: UseCaseDeps) {
  const { directory, store, clock, syncCards } = deps;
  return async function reschedule(request: ChangeRequest & { values?: FormValues }): Promise<ChangeResult> {
    const { actor, reader, source } = request;
    let moved: Times | undefined;
    const { record } = await changeMeeting(store, () => loadActive(store, request.meetingId), async (current) => {
      await assertOrganizer(directory, current, actor, reader.locale, 'verb.reschedule');
      // Re-read against the fresh meeting, unless it already shows our own move (it would read as "nothing changes").
      const times = moved && isAt(current.meeting, moved) ? moved : formTimes(request.values ?? {}, reader, clock.now(), current.meeting);
      // Graph wants start and end together; PATCHing the same times again is harmless.
      const meeting = await moveMeeting(deps, current, times);
      moved = times;
      const call = current.call.state === 'ended' ? { state: 'idle' as const } : current.call;
      // A time picked in a form is exact, so an earlier "3ish" no longer applies.
      const { approximate: _said, ...kept } = current;
      return { ...kept, meeting, call, updatedAt: clock.now(), ...calendarLink(deps, meeting, current.instant) };
    });
    const time = formatRange(record.meeting.start, record.meeting.end, reader.locale, reader.timeZone);
    await syncCards(record, source);
    return { record, message: t(reader.locale, 'reply.rescheduled', { subject: meetingTitle(record, reader.locale), time }) };
  };
}
