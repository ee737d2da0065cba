// "Add me": anyone in the conversation joins the attendee list (so Teams lets them past the lobby).
import { BotError } from '../errors';
import { t } from '../i18n';
import type { ChangeRequest, ChangeResult, UseCaseDeps } from './context';
import { meetingTitle } from '../cards/text';
import { loadActive } from './load';
import { nameOf, rememberPerson, resolveActor, uniqueUsers } from './people';
import type { M365User } from './ports';
import { changeMeeting } from './versioned';
import { setAttendees } from './calendar-events';

const has = (list: readonly M365User[], id: string): boolean => list.some((user) => user.id === id);

/** The `add_me` use case. */
export function addMeUseCase(deps: UseCaseDeps) {
  const { meetings, directory, store, clock, syncCards } = deps;
  return async function addMe(request: ChangeRequest): Promise<ChangeResult> {
    const { actor, reader, source } = request;
    let user: M365User | undefined;
    // Set once our PATCH went out: from then on, finding the actor listed means our own change, not a second click.
    let patched = false;
    const { record } = await changeMeeting(store, () => loadActive(store, request.meetingId), async (current) => {
      const who = (user ??= await resolveActor(directory, actor, reader.locale));
      const { meeting } = current;
      if (who.id === meeting.organizer.id || (!patched && has(meeting.attendees, who.id))) throw new BotError('already_attending');
      // Graph replaces the attendee list on PATCH, and another server instance may have added someone it has not
      // recorded yet: read the meeting from Graph and send everyone either side knows of.
      const live = await meetings.get(meeting.organizer.id, meeting.id);
      if (!patched && has(live.attendees, who.id)) throw new BotError('already_attending');
      const wanted = uniqueUsers(meeting.attendees, live.attendees, [who]);
      const missing = wanted.some((attendee) => !has(live.attendees, attendee.id));
      const updated = missing ? await setAttendees(deps, current, wanted) : live;
      patched = true;
      return { ...current, meeting: updated, people: rememberPerson(current.people, who.id, actor), updatedAt: clock.now() };
    });
    await syncCards(record, source);
    return { record, message: t(reader.locale, 'reply.added', { name: user?.displayName ?? nameOf(actor), subject: meetingTitle(record, reader.locale) }) };
  };
}
