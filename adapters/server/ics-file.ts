// A meeting as an iCalendar file (RFC 5545, through the `ics` library): UTC times, the join data in the description,
// SEQUENCE growing with every change of the record, METHOD:CANCEL once the meeting is cancelled.
import { createHash } from 'node:crypto';
import type { EventAttributes } from 'ics';
import { groupedMeetingCode, type MeetingRecord } from '../../src/bot-api';

/** `ics` takes UTC times as [y, m, d, h, min]. */
function utc(at: Date): [number, number, number, number, number] {
  return [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes()];
}

/** A stable UID per meeting that does not carry the meeting id itself (the file travels by e-mail and calendars). */
export function icsUid(meetingId: string): string {
  return `${createHash('sha256').update(meetingId).digest('hex').slice(0, 32)}@meetbot`;
}

function description(record: MeetingRecord): string {
  const { meeting } = record;
  const lines = [`Join the Microsoft Teams meeting: ${meeting.joinUrl}`];
  if (meeting.meetingCode) lines.push(`Meeting ID: ${groupedMeetingCode(meeting.meetingCode)}`);
  if (meeting.passcode) lines.push(`Passcode: ${meeting.passcode}`);
  const dialIn = meeting.dialIn;
  if (dialIn) {
    const numbers = [...dialIn.tollNumbers, ...dialIn.tollFreeNumbers];
    if (numbers.length) lines.push(`Dial in: ${numbers.join(', ')}`);
    if (dialIn.conferenceId) lines.push(`Phone conference ID: ${dialIn.conferenceId}#`);
    if (dialIn.dialInUrl) lines.push(`Local numbers: ${dialIn.dialInUrl}`);
  }
  return lines.join('\n');
}

/** The .ics text of `record`; throws when the library refuses the event (a bug, never user input). */
export function icsFor(record: MeetingRecord): string {
  const { meeting } = record;
  const cancelled = record.status === 'cancelled';
  const email = (u: { mail?: string; userPrincipalName?: string }): string | undefined => u.mail ?? u.userPrincipalName;
  const organizerEmail = email(meeting.organizer);
  const event: EventAttributes = {
    uid: icsUid(meeting.id),
    method: cancelled ? 'CANCEL' : 'PUBLISH',
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    // Every stored change bumps the record's version; calendars keep the copy with the highest SEQUENCE.
    sequence: record.version ?? 0,
    title: meeting.subject ?? 'Microsoft Teams meeting',
    description: description(record),
    location: 'Microsoft Teams meeting',
    url: meeting.joinUrl,
    start: utc(meeting.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utc(meeting.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    productId: 'meetbot',
    ...(organizerEmail ? { organizer: { name: meeting.organizer.displayName, email: organizerEmail } } : {}),
    attendees: meeting.attendees.flatMap((u) => {
      const address = email(u);
      return address ? [{ name: u.displayName, email: address, role: 'REQ-PARTICIPANT' as const, rsvp: false }] : [];
    }),
  };
  // `ics` (about 8 MB with its validation library) is loaded by the first calendar file, not at start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createEvent } = require('ics') as typeof import('ics');
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('ics produced no calendar');
  return value;
}
