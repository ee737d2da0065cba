// The "Add to my calendar" link a record keeps: made when the meeting is made or moved (a move re-signs it).
import type { UseCaseDeps } from './context';
import type { Meeting, MeetingRecord } from './ports';

/** The record fields for `meeting`'s calendar link: none for instant meetings or when the server offers no links. */
export function calendarLink(deps: Pick<UseCaseDeps, 'calendarLinks'>, meeting: Meeting, instant: boolean): Pick<MeetingRecord, 'calendarUrl'> {
  if (instant) return {};
  const url = deps.calendarLinks?.linkFor(meeting);
  return url ? { calendarUrl: url } : {};
}
