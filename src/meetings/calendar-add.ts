// "Add to calendars" (MEETBOT_CALENDAR=ask): the organizer puts a meeting made in chat on everyone's calendar; an event
// carrying its join data goes out, and from then on moving, re-inviting and cancelling go through both.
import { BotError } from '../errors';
import { t } from '../i18n';
import { meetingTitle } from '../cards/text';
import type { ChangeRequest, ChangeResult, UseCaseDeps } from './context';
import { loadActive } from './load';
import { assertOrganizer } from './organizer';
import { changeMeeting } from './versioned';

/** The `add_to_calendars` use case. */
export function addToCalendarsUseCase(deps: UseCaseDeps) {
  const { directory, store, clock, syncCards } = deps;
  return async function addToCalendars(request: ChangeRequest): Promise<ChangeResult> {
    const { actor, reader, source } = request;
    // Made once, even when a lost race makes the change run again.
    let eventId: string | undefined;
    const { record } = await changeMeeting(store, () => loadActive(store, request.meetingId), async (current) => {
      await assertOrganizer(directory, current, actor, reader.locale, 'verb.addToCalendars');
      if (current.calendarEvent) return current;
      if (!deps.calendar) throw new BotError('internal');
      eventId ??= await deps.calendar.addEvent(current.meeting);
      return { ...current, calendarEvent: { id: eventId, ownsMeeting: false }, updatedAt: clock.now() };
    });
    await syncCards(record, source);
    return { record, message: t(reader.locale, 'reply.addedToCalendars', { subject: meetingTitle(record, reader.locale) }) };
  };
}
