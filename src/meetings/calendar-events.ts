// A meeting with a calendar event goes through it: moving, re-inviting and cancelling change the event (invitations,
// updates and cancellations reach people's calendars), and the Teams meeting with it when it was made beside it.
import { isBotError } from '../errors';
import type { UseCaseDeps } from './context';
import type { M365User, Meeting, MeetingRecord } from './ports';

type Deps = Pick<UseCaseDeps, 'meetings' | 'calendar' | 'config'>;

/** True when a new meeting goes out as a calendar invitation (MEETBOT_CALENDAR=invite, or the command said `invite`). */
export function invitesFor(deps: Deps, instant: boolean, asked = false): boolean {
  return deps.calendar !== undefined && !instant && (asked || deps.config?.calendar === 'invite');
}

/** True when new scheduled meetings' cards offer "Add to calendars" (MEETBOT_CALENDAR=ask). */
export function offersCalendar(deps: Deps, instant: boolean): boolean {
  return deps.calendar !== undefined && !instant && deps.config?.calendar === 'ask';
}

/**
 * Runs a change on the event; false when the event is gone (deleted in Outlook, or the local service restarted): the
 * Teams meeting is then changed directly, so the chat keeps working.
 */
async function onEvent(change: () => Promise<void>): Promise<boolean> {
  try {
    await change();
    return true;
  } catch (error) {
    if (isBotError(error) && error.code === 'meeting_not_found') return false;
    throw error;
  }
}

/** Re-reads a meeting whose event owns it; the event's change carried over to it. */
async function reread(deps: Deps, record: MeetingRecord, fallback: Meeting): Promise<Meeting> {
  try {
    return await deps.meetings.get(record.meeting.organizer.id, record.meeting.id);
  } catch {
    return fallback;
  }
}

/** Moves the meeting (and its event); resolves to the meeting as it is now. */
export async function moveMeeting(deps: Deps, record: MeetingRecord, times: { start: Date; end: Date }): Promise<Meeting> {
  const { organizer, id } = record.meeting;
  const event = record.calendarEvent;
  if (event && deps.calendar) {
    const calendar = deps.calendar;
    if ((await onEvent(() => calendar.update(organizer.id, event.id, times))) && event.ownsMeeting) return reread(deps, record, { ...record.meeting, ...times });
  }
  return deps.meetings.update(organizer.id, id, times);
}

/** Replaces the attendee list (and the event's); resolves to the meeting as it is now. */
export async function setAttendees(deps: Deps, record: MeetingRecord, attendees: readonly M365User[]): Promise<Meeting> {
  const { organizer, id } = record.meeting;
  const event = record.calendarEvent;
  if (event && deps.calendar) {
    const calendar = deps.calendar;
    if ((await onEvent(() => calendar.update(organizer.id, event.id, { attendees }))) && event.ownsMeeting) return reread(deps, record, { ...record.meeting, attendees });
  }
  return deps.meetings.update(organizer.id, id, { attendees });
}

/** Cancels the meeting: its event with `comment` to the attendees, and the Teams meeting unless the event owned it. */
export async function removeMeeting(deps: Deps, record: MeetingRecord, comment: string): Promise<void> {
  const { organizer, id } = record.meeting;
  const event = record.calendarEvent;
  if (event && deps.calendar) {
    const calendar = deps.calendar;
    if ((await onEvent(() => calendar.cancel(organizer.id, event.id, comment))) && event.ownsMeeting) return;
  }
  await deps.meetings.cancel(organizer.id, id);
}
