// CalendarService on Graph's /users/{id}/events (graph.md §6): the Teams meeting as a calendar event
// (isOnlineMeeting, teamsForBusiness), so invitations go out. Needs Calendars.ReadWrite (application).
import { z } from 'zod';
import { BotError, groupedMeetingCode } from '../../src/bot-api';
import type { CalendarService, M365User, Meeting, MeetingPatch, MeetingSpec } from '../../src/bot-api';
import type { GraphClient } from './client';
import { translateGraphError } from './errors';
import { toMeeting } from './schemas';

const eventSchema = z.object({
  id: z.string().min(1),
  onlineMeeting: z.object({ joinUrl: z.string().nullish(), conferenceId: z.string().nullish(), tollNumber: z.string().nullish() }).nullish(),
});

const listSchema = z.object({ value: z.array(z.unknown()) });

/** Graph's dateTimeTimeZone for a moment, in UTC. */
const utc = (d: Date) => ({ dateTime: d.toISOString().replace(/Z$/, ''), timeZone: 'UTC' });

const attendee = (u: M365User) => ({ emailAddress: { address: u.mail ?? u.userPrincipalName ?? '', name: u.displayName }, type: 'required' });

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The join data of a meeting as an event body, for meetings made beside their event. */
function joinBody(m: Meeting): string {
  const lines = [`<p>Microsoft Teams meeting</p><p><a href="${esc(m.joinUrl)}">Join the meeting now</a></p>`];
  if (m.meetingCode) lines.push(`<p>Meeting ID: ${esc(groupedMeetingCode(m.meetingCode))}</p>`);
  if (m.passcode) lines.push(`<p>Passcode: ${esc(m.passcode)}</p>`);
  const numbers = [...(m.dialIn?.tollNumbers ?? []), ...(m.dialIn?.tollFreeNumbers ?? [])];
  if (numbers.length) lines.push(`<p>Dial in: ${esc(numbers.join(', '))}${m.dialIn?.conferenceId ? ` · Phone conference ID: ${esc(m.dialIn.conferenceId)}#` : ''}</p>`);
  return lines.join('');
}

/** The calendar service on a Graph client. */
export function createGraphCalendar(graph: GraphClient): CalendarService {
  const { client } = graph;
  const events = (userId: string, eventId?: string): string =>
    `/users/${encodeURIComponent(userId)}/events${eventId === undefined ? '' : `/${encodeURIComponent(eventId)}`}`;

  /** The onlineMeeting behind an event's join URL (Graph finds it by JoinWebUrl), for its meeting ID and passcode. */
  async function meetingOf(organizer: M365User, joinUrl: string): Promise<Meeting> {
    const filter = encodeURIComponent(`JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`);
    const list = listSchema.parse(await client.api(`/users/${encodeURIComponent(organizer.id)}/onlineMeetings?$filter=${filter}`).get());
    const [first] = list.value;
    if (!first) throw new BotError('graph_bad_request', { detail: 'the calendar event has no Teams meeting' });
    return toMeeting(first, organizer);
  }

  async function post(organizerId: string, body: Record<string, unknown>): Promise<z.infer<typeof eventSchema>> {
    return eventSchema.parse(await client.api(events(organizerId)).post(body));
  }

  return {
    async invite(spec: MeetingSpec) {
      try {
        const event = await post(spec.organizer.id, {
          subject: spec.subject ?? 'Microsoft Teams meeting',
          start: utc(spec.start),
          end: utc(spec.end),
          attendees: spec.attendees.map(attendee),
          isOnlineMeeting: true,
          onlineMeetingProvider: 'teamsForBusiness',
          // Graph drops a repeated POST with the same transactionId, as createOrGet does with externalId.
          transactionId: spec.externalId,
        });
        const joinUrl = event.onlineMeeting?.joinUrl;
        if (!joinUrl) throw new BotError('graph_bad_request', { detail: 'the calendar event came back without a Teams meeting' });
        const meeting = await meetingOf(spec.organizer, joinUrl);
        return { meeting: { ...meeting, organizer: spec.organizer, externalId: spec.externalId }, eventId: event.id };
      } catch (error) {
        throw translateGraphError(error, { userName: spec.organizer.displayName });
      }
    },

    async addEvent(meeting: Meeting) {
      try {
        const event = await post(meeting.organizer.id, {
          subject: meeting.subject ?? 'Microsoft Teams meeting',
          body: { contentType: 'HTML', content: joinBody(meeting) },
          start: utc(meeting.start),
          end: utc(meeting.end),
          location: { displayName: 'Microsoft Teams meeting' },
          attendees: meeting.attendees.map(attendee),
          transactionId: `meetbot:${meeting.id}`.slice(0, 255),
        });
        return event.id;
      } catch (error) {
        throw translateGraphError(error, { meetingId: meeting.id });
      }
    },

    async update(organizerId: string, eventId: string, patch: MeetingPatch) {
      const body: Record<string, unknown> = {};
      if (patch.start) body.start = utc(patch.start);
      if (patch.end) body.end = utc(patch.end);
      if (patch.attendees) body.attendees = patch.attendees.map(attendee);
      try {
        await client.api(events(organizerId, eventId)).patch(body);
      } catch (error) {
        throw translateGraphError(error, { meetingId: eventId });
      }
    },

    async cancel(organizerId: string, eventId: string, comment: string) {
      try {
        await client.api(`${events(organizerId, eventId)}/cancel`).post({ comment });
      } catch (error) {
        throw translateGraphError(error, { meetingId: eventId });
      }
    },
  };
}
