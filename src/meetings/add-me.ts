// "Add me": anyone in the conversation joins the attendee list (so Teams lets them past the lobby).
import { BotError } from '../errors';
import { t } from '../i18n';
import type { ChangeRequest, ChangeResult, UseCaseDeps } from './context';
import { loadActive } from './load';
import { nameOf, rememberPerson, resolveAll } from './people';
import type { MeetingRecord } from './ports';

/** The `add_me` use case. */
export function addMeUseCase(deps: UseCaseDeps) {
  const { meetings, directory, store, clock, syncCards } = deps;
  return async function addMe(request: ChangeRequest): Promise<ChangeResult> {
    const { actor, reader, source } = request;
    const record = await loadActive(store, request.meetingId);
    const [user] = await resolveAll(directory, [{ ref: actor, name: nameOf(actor), chat: true }], reader.locale);
    const { meeting } = record;
    if (user.id === meeting.organizer.id || meeting.attendees.some((a) => a.id === user.id)) throw new BotError('already_attending');
    // Graph replaces the attendee list on PATCH, so send all of it.
    const updated = await meetings.update(meeting.organizer.id, meeting.id, { attendees: [...meeting.attendees, user] });
    const next: MeetingRecord = { ...record, meeting: updated, people: rememberPerson(record.people, user.id, actor), updatedAt: clock.now() };
    await store.saveMeeting(next);
    await syncCards(next, source);
    return { record: next, message: t(reader.locale, 'reply.added', { name: user.displayName }) };
  };
}
