// The Calls API, as the bot uses it (graph.md §4): join a meeting's call with service-hosted media, invite people
// into it (at most 5 per request), and leave (DELETE ends only the bot's leg).
import { GraphError } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { M365User, Meeting } from '../../src/bot-api';
import type { GraphClient } from './client';
import { translateGraphError } from './errors';

/** Graph takes at most this many participants in one participants/invite request. */
export const INVITE_BATCH = 5;

/** The bot's leg as Graph created it. */
export interface PlacedCall {
  readonly id: string;
  readonly state: string;
}

/** The Calls API operations the calling service needs. */
export interface CallsClient {
  /** `POST /communications/calls`: joins `meeting` by its chat and organizer (or its meeting ID and passcode). */
  join(meeting: Meeting, callbackUri: string): Promise<PlacedCall>;
  /** `POST /communications/calls/{id}/participants/invite` for up to INVITE_BATCH people; the operation's id. */
  invite(callId: string, people: readonly M365User[], clientContext: string): Promise<string>;
  /** `DELETE /communications/calls/{id}`; a call Graph no longer has is fine. */
  hangUp(callId: string): Promise<void>;
  /** `POST /communications/calls/{id}/keepAlive`: Graph ends a call that hears none for 45 minutes (408/8537). */
  keepAlive(callId: string): Promise<void>;
}

const callSchema = z.object({ id: z.string().min(1), state: z.string().default('establishing') });
const operationSchema = z.object({ id: z.string().min(1) });

const identity = (user: M365User, tenantId: string) => ({
  '@odata.type': '#microsoft.graph.identitySet',
  user: { '@odata.type': '#microsoft.graph.identity', id: user.id, displayName: user.displayName, tenantId },
});

/** The meeting's coordinates: chatInfo + organizerMeetingInfo when Graph gave the chat thread, else the meeting ID. */
function meetingCoordinates(meeting: Meeting, tenantId: string): Record<string, unknown> {
  if (meeting.chatThreadId) {
    return {
      chatInfo: { '@odata.type': '#microsoft.graph.chatInfo', threadId: meeting.chatThreadId, messageId: '0' },
      meetingInfo: { '@odata.type': '#microsoft.graph.organizerMeetingInfo', organizer: identity(meeting.organizer, tenantId), allowConversationWithoutHost: true },
    };
  }
  if (meeting.meetingCode) {
    return { meetingInfo: { '@odata.type': '#microsoft.graph.joinMeetingIdMeetingInfo', joinMeetingId: meeting.meetingCode, ...(meeting.passcode ? { passcode: meeting.passcode } : {}) } };
  }
  throw new Error('the meeting has neither a chat thread nor a meeting ID to join it by');
}

/** The Calls API on a Graph client; `tenantId` is the meeting's tenant (the organizer's). */
export function createCallsClient(graph: GraphClient, tenantId: string): CallsClient {
  const { client } = graph;
  return {
    async join(meeting, callbackUri) {
      const body = {
        '@odata.type': '#microsoft.graph.call',
        callbackUri,
        requestedModalities: ['audio'],
        mediaConfig: { '@odata.type': '#microsoft.graph.serviceHostedMediaConfig' },
        ...meetingCoordinates(meeting, tenantId),
        tenantId,
      };
      try {
        return callSchema.parse(await client.api('/communications/calls').post(body));
      } catch (error) {
        throw translateGraphError(error, { meetingId: meeting.id });
      }
    },
    async invite(callId, people, clientContext) {
      const body = {
        participants: people.slice(0, INVITE_BATCH).map((user) => ({ '@odata.type': '#microsoft.graph.invitationParticipantInfo', identity: identity(user, tenantId) })),
        clientContext: clientContext.slice(0, 256),
      };
      try {
        return operationSchema.parse(await client.api(`/communications/calls/${encodeURIComponent(callId)}/participants/invite`).post(body)).id;
      } catch (error) {
        throw translateGraphError(error);
      }
    },
    async keepAlive(callId) {
      try {
        await client.api(`/communications/calls/${encodeURIComponent(callId)}/keepAlive`).post({});
      } catch (error) {
        throw translateGraphError(error);
      }
    },
    async hangUp(callId) {
      try {
        await client.api(`/communications/calls/${encodeURIComponent(callId)}`).delete();
      } catch (error) {
        if (error instanceof GraphError && error.statusCode === 404) return;
        throw translateGraphError(error);
      }
    },
  };
}
