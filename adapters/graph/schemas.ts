// Graph's JSON, parsed once at the edge into our types. Extra fields are tolerated; missing optional ones are fine.
import { z } from 'zod';
import type { M365User, Meeting } from '../../src/bot-api';
import type { DialIn } from '../../src/types';

const str = z.string().nullish();

const identity = z.object({ id: str, displayName: str });

const participantInfo = z.object({
  identity: z.object({ user: identity.nullish() }).nullish(),
  upn: str,
  role: str,
});

const audioConferencing = z.object({
  conferenceId: str,
  // Graph's own examples print `ConferenceId`; accept both spellings.
  ConferenceId: str,
  dialinUrl: str,
  tollNumbers: z.array(z.string()).nullish(),
  tollFreeNumbers: z.array(z.string()).nullish(),
  tollNumber: str,
  tollFreeNumber: str,
});

const dateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');

/** Graph's onlineMeeting, the fields meetbot reads. */
export const onlineMeetingSchema = z.object({
  id: z.string().min(1),
  externalId: str,
  subject: str,
  startDateTime: dateTime,
  endDateTime: dateTime,
  creationDateTime: dateTime.nullish(),
  joinWebUrl: z.string().min(1),
  joinMeetingIdSettings: z.object({ joinMeetingId: str, passcode: str, isPasscodeRequired: z.boolean().nullish() }).nullish(),
  audioConferencing: audioConferencing.nullish(),
  chatInfo: z.object({ threadId: str }).nullish(),
  participants: z.object({ organizer: participantInfo.nullish(), attendees: z.array(participantInfo).nullish() }).nullish(),
});

/** Graph's user, the fields meetbot reads. */
export const userSchema = z.object({
  id: z.string().min(1),
  displayName: str,
  mail: str,
  userPrincipalName: str,
});

/** A collection answer (`GET /users?$filter=…`). */
export const userListSchema = z.object({ value: z.array(userSchema) });

/** The JSON batch answer. */
export const batchResponseSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number().int(),
      headers: z.record(z.string(), z.string()).nullish(),
      body: z.unknown().optional(),
    }),
  ),
});

const opt = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/** A Graph user as meetbot's M365User. */
export function toM365User(user: z.infer<typeof userSchema>): M365User {
  const upn = opt(user.userPrincipalName);
  const mail = opt(user.mail);
  return {
    id: user.id,
    displayName: user.displayName || mail || upn || user.id,
    ...(upn ? { userPrincipalName: upn } : {}),
    ...(mail ? { mail } : {}),
  };
}

function participant(info: z.infer<typeof participantInfo> | null | undefined): M365User | undefined {
  const id = info?.identity?.user?.id;
  if (!id) return undefined;
  const upn = opt(info?.upn);
  return { id, displayName: info?.identity?.user?.displayName || upn || id, ...(upn ? { userPrincipalName: upn } : {}) };
}

function dialIn(audio: z.infer<typeof audioConferencing> | null | undefined): DialIn | undefined {
  if (!audio) return undefined;
  const toll = audio.tollNumbers ?? (audio.tollNumber ? [audio.tollNumber] : []);
  const tollFree = audio.tollFreeNumbers ?? (audio.tollFreeNumber ? [audio.tollFreeNumber] : []);
  const conferenceId = audio.conferenceId ?? audio.ConferenceId ?? undefined;
  const dialInUrl = opt(audio.dialinUrl);
  if (!conferenceId && !dialInUrl && toll.length === 0 && tollFree.length === 0) return undefined;
  return { tollNumbers: toll, tollFreeNumbers: tollFree, ...(conferenceId ? { conferenceId } : {}), ...(dialInUrl ? { dialInUrl } : {}) };
}

/** Parses Graph's onlineMeeting JSON into a Meeting; `fallbackOrganizer` fills in when Graph omits the organizer. */
export function toMeeting(json: unknown, fallbackOrganizer: M365User): Meeting {
  const m = onlineMeetingSchema.parse(json);
  const settings = m.joinMeetingIdSettings;
  const dial = dialIn(m.audioConferencing);
  const meetingCode = opt(settings?.joinMeetingId);
  const passcode = opt(settings?.passcode);
  const externalId = opt(m.externalId);
  const chatThreadId = opt(m.chatInfo?.threadId);
  return {
    id: m.id,
    subject: m.subject ?? null,
    start: new Date(m.startDateTime),
    end: new Date(m.endDateTime),
    joinUrl: m.joinWebUrl,
    organizer: participant(m.participants?.organizer) ?? fallbackOrganizer,
    attendees: (m.participants?.attendees ?? []).map(participant).filter((u): u is M365User => u !== undefined),
    createdAt: new Date(m.creationDateTime ?? m.startDateTime),
    ...(externalId ? { externalId } : {}),
    ...(meetingCode ? { meetingCode } : {}),
    ...(passcode ? { passcode } : {}),
    ...(dial ? { dialIn: dial } : {}),
    ...(chatThreadId ? { chatThreadId } : {}),
  };
}
