// MeetingService on Graph's onlineMeetings: createOrGet (idempotent by externalId), get, update, cancel.
import { ResponseType } from '@microsoft/microsoft-graph-client';
import type { M365User, Meeting, MeetingPatch, MeetingService, MeetingSpec } from '../../src/bot-api';
import type { GraphClient } from './client';
import { graphErrorFromBody, translateGraphError, type GraphErrorContext } from './errors';
import { toMeeting } from './schemas';

/** Options for the Graph meeting service. */
export interface GraphMeetingServiceOptions {
  /** Our app id, quoted in the access-policy advice. */
  readonly appId?: string;
}

/** Graph's meetingParticipantInfo for a user: both the object id and the UPN, since Graph has failed without the UPN. */
export function participantInfo(user: M365User, role: 'attendee' | 'presenter' = 'attendee'): Record<string, unknown> {
  return {
    identity: { user: { id: user.id, displayName: user.displayName } },
    upn: user.userPrincipalName ?? user.mail ?? '',
    role,
  };
}

const path = (organizerId: string, meetingId?: string): string =>
  `/users/${encodeURIComponent(organizerId)}/onlineMeetings${meetingId === undefined ? '' : `/${encodeURIComponent(meetingId)}`}`;

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error: { code: 'InvalidResponse', message: text.slice(0, 200) } };
  }
}

/** The meeting service on a Graph client. */
export function createGraphMeetingService(graph: GraphClient, opts: GraphMeetingServiceOptions = {}): MeetingService {
  const { client } = graph;
  const ctx = (extra: GraphErrorContext): GraphErrorContext => ({ ...(opts.appId ? { appId: opts.appId } : {}), ...extra });
  const organizerStub = (id: string): M365User => ({ id, displayName: id });

  async function get(organizerId: string, meetingId: string): Promise<Meeting> {
    try {
      return toMeeting(await client.api(path(organizerId, meetingId)).get(), organizerStub(organizerId));
    } catch (error) {
      throw translateGraphError(error, ctx({ meetingId }));
    }
  }

  return {
    async createOrGet(spec: MeetingSpec) {
      const body = {
        externalId: spec.externalId,
        subject: spec.subject ?? undefined,
        startDateTime: spec.start.toISOString(),
        endDateTime: spec.end.toISOString(),
        // createOrGet takes only these parameters (an OData action refuses others, joinMeetingIdSettings included):
        // whether a passcode is generated is the tenant's meeting policy; the card shows one when Graph returns it.
        participants: { organizer: participantInfo(spec.organizer, 'presenter'), attendees: spec.attendees.map((u) => participantInfo(u)) },
      };
      const errorCtx = ctx({ userName: spec.organizer.displayName });
      try {
        // RAW, because 201 (created) and 200 (already there) differ only in the status.
        const response = (await client.api(`${path(spec.organizer.id)}/createOrGet`).responseType(ResponseType.RAW).post(body)) as Response;
        const json = await readJson(response);
        if (!response.ok) throw graphErrorFromBody(response.status, json);
        return { meeting: toMeeting(json, spec.organizer), created: response.status === 201 };
      } catch (error) {
        throw translateGraphError(error, errorCtx);
      }
    },

    get,

    async update(organizerId: string, meetingId: string, patch: MeetingPatch) {
      const body: Record<string, unknown> = {};
      if (patch.start !== undefined || patch.end !== undefined) {
        // Graph wants start and end together; keep the current duration when only the start moves.
        let { start, end } = patch;
        if (!start || !end) {
          const current = await get(organizerId, meetingId);
          start ??= current.start;
          end ??= patch.start ? new Date(patch.start.getTime() + (current.end.getTime() - current.start.getTime())) : current.end;
        }
        body.startDateTime = start.toISOString();
        body.endDateTime = end.toISOString();
      }
      if (patch.attendees !== undefined) body.participants = { attendees: patch.attendees.map((u) => participantInfo(u)) };
      try {
        return toMeeting(await client.api(path(organizerId, meetingId)).patch(body), organizerStub(organizerId));
      } catch (error) {
        throw translateGraphError(error, ctx({ meetingId }));
      }
    },

    async cancel(organizerId: string, meetingId: string) {
      try {
        await client.api(path(organizerId, meetingId)).delete();
      } catch (error) {
        throw translateGraphError(error, ctx({ meetingId }));
      }
    },
  };
}
