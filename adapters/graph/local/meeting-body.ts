// Parsing onlineMeeting request bodies the way Graph validates them (graph.md §2.2, §2.4, §2.5).
import { badRequest } from './errors';
import type { DirectoryIndex } from './directory';
import { isObject } from './http-types';
import type { LocalAttendee } from './repo';

/** What a create, createOrGet or PATCH body asked for. */
export interface MeetingInput {
  readonly externalId?: string;
  readonly subject?: string | null;
  readonly start?: Date;
  readonly end?: Date;
  readonly attendees?: readonly LocalAttendee[];
  readonly organizerId?: string;
  readonly isPasscodeRequired?: boolean;
  readonly settings: Record<string, unknown>;
}

/** Writable settings echoed back as given (the rest of §2.4's updatable list). */
const SETTINGS = new Set([
  'allowAttendeeToEnableCamera', 'allowAttendeeToEnableMic', 'allowBreakoutRooms', 'allowCopyingAndSharingMeetingContent',
  'allowedLobbyAdmitters', 'allowedPresenters', 'allowLiveShare', 'allowMeetingChat', 'allowPowerPointSharing', 'allowRecording',
  'allowTeamworkReactions', 'allowTranscription', 'allowWhiteboard', 'allowParticipantsToChangeName', 'anonymizeIdentityForRoles',
  'isEndToEndEncryptionEnabled', 'isEntryExitAnnounced', 'lobbyBypassSettings', 'meetingSpokenLanguageTag', 'recordAutomatically',
  'sensitivityLabelAssignment', 'watermarkProtection', 'chatRestrictions', 'shareMeetingChatHistoryDefault',
]);
/** Properties a client may send at creation only. */
const CREATE_ONLY = new Set(['joinMeetingIdSettings', 'meetingTemplateId', 'externalId']);
/** Read-only properties: Graph rejects them in a PATCH. */
const READ_ONLY = new Set(['id', 'joinWebUrl', 'joinUrl', 'creationDateTime', 'expiryDateTime', 'chatInfo', 'audioConferencing', 'joinInformation', 'videoTeleconferenceId', 'meetingType', 'meetingCode']);
const IGNORED = new Set(['@odata.type', '@odata.context', 'chatInfo']);
/** createOrGet is an OData action: in v1.0 it takes exactly these parameters, and Graph rejects any other (graph.md §2.5). */
const CREATE_OR_GET_PARAMETERS = new Set(['externalId', 'startDateTime', 'endDateTime', 'subject', 'participants']);

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?$/;

function parseDate(name: string, v: unknown): Date {
  if (typeof v !== 'string' || !ISO.test(v)) {
    throw badRequest(`Invalid value for '${name}': expected an ISO 8601 date and time such as 2024-05-01T10:00:00Z, got ${JSON.stringify(v)}.`);
  }
  // A value without a zone is UTC, as Graph reads it.
  const d = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(v) ? v : `${v}Z`);
  if (Number.isNaN(d.getTime())) throw badRequest(`Invalid value for '${name}': ${v} is not a real date.`);
  return d;
}

/** Resolves one meetingParticipantInfo to a directory user: by identity.user.id, else by upn. */
function resolveParticipant(p: unknown, where: string, dir: DirectoryIndex): { userId: string; role: unknown } {
  if (!isObject(p)) throw badRequest(`${where} must be a meetingParticipantInfo object.`);
  const identity = isObject(p.identity) ? p.identity : undefined;
  const user = identity && isObject(identity.user) ? identity.user : undefined;
  const id = typeof user?.id === 'string' ? user.id : undefined;
  const upn = typeof p.upn === 'string' ? p.upn : undefined;
  if (!id && !upn) throw badRequest(`${where} needs identity.user.id or upn.`);
  const found = (id && dir.byId(id)) || (upn && dir.byIdOrUpn(upn));
  if (!found) throw badRequest(`${where}: the user '${id ?? upn}' was not found in the directory.`);
  return { userId: found.id, role: p.role };
}

function parseAttendees(participants: Record<string, unknown>, dir: DirectoryIndex): LocalAttendee[] | undefined {
  if (participants.attendees === undefined) return undefined;
  if (!Array.isArray(participants.attendees)) throw badRequest('participants.attendees must be an array.');
  const seen = new Set<string>();
  const out: LocalAttendee[] = [];
  participants.attendees.forEach((a, i) => {
    const { userId, role } = resolveParticipant(a, `participants.attendees[${i}]`, dir);
    if (role !== undefined && role !== null && role !== 'attendee' && role !== 'presenter') {
      throw badRequest(`participants.attendees[${i}].role must be 'attendee' or 'presenter'.`);
    }
    if (seen.has(userId)) return;
    seen.add(userId);
    out.push({ userId, role: role === 'presenter' ? 'presenter' : 'attendee' });
  });
  return out;
}

/** Parses a request body into MeetingInput; `mode` decides which properties are allowed. */
export function parseMeetingBody(body: unknown, mode: 'create' | 'createOrGet' | 'patch', dir: DirectoryIndex): MeetingInput {
  if (body === undefined) throw badRequest('A JSON request body is required.');
  if (!isObject(body)) throw badRequest('The request body must be a JSON object (an onlineMeeting).');
  const out: { -readonly [K in keyof MeetingInput]: MeetingInput[K] } = { settings: {} };
  for (const [key, value] of Object.entries(body)) {
    if (mode === 'createOrGet' && !CREATE_OR_GET_PARAMETERS.has(key) && !key.startsWith('@odata.')) {
      throw badRequest(`The parameter '${key}' in the request payload is not a valid parameter for the operation 'createOrGet'.`);
    }
    if (key === 'startDateTime') out.start = parseDate(key, value);
    else if (key === 'endDateTime') out.end = parseDate(key, value);
    else if (key === 'subject') {
      if (value !== null && typeof value !== 'string') throw badRequest("Invalid value for 'subject': expected a string.");
      out.subject = value;
    } else if (key === 'participants') {
      if (!isObject(value)) throw badRequest('participants must be a meetingParticipants object.');
      if (value.organizer !== undefined && value.organizer !== null) out.organizerId = resolveParticipant(value.organizer, 'participants.organizer', dir).userId;
      const attendees = parseAttendees(value, dir);
      if (attendees) out.attendees = attendees;
    } else if (key === 'externalId' && mode !== 'patch') {
      if (typeof value !== 'string' || !value.trim()) throw badRequest("Invalid value for 'externalId': expected a non-empty string.");
      if (value.length > 512) throw badRequest("'externalId' is longer than 512 characters.");
      out.externalId = value;
    } else if (key === 'joinMeetingIdSettings' && mode !== 'patch') {
      if (!isObject(value)) throw badRequest('joinMeetingIdSettings must be an object.');
      if (value.isPasscodeRequired !== undefined) out.isPasscodeRequired = value.isPasscodeRequired === true;
    } else if (SETTINGS.has(key) || (key === 'meetingTemplateId' && mode !== 'patch')) {
      out.settings[key] = value;
    } else if (IGNORED.has(key) && mode !== 'patch') {
      continue;
    } else if (mode === 'patch' && (CREATE_ONLY.has(key) || READ_ONLY.has(key))) {
      throw badRequest(`The property '${key}' cannot be updated after the meeting is created.`);
    } else if (key.startsWith('@odata.')) {
      continue;
    } else {
      throw badRequest(`The property '${key}' does not exist on type 'microsoft.graph.onlineMeeting'. Make sure to only use property names that are defined by the type.`);
    }
  }
  if (mode === 'createOrGet' && out.externalId === undefined) throw badRequest("The 'externalId' property is required for createOrGet.");
  if (mode === 'createOrGet' && out.end && !out.start) throw badRequest("'endDateTime' was given without 'startDateTime'; give both, or only 'startDateTime'.");
  if (mode === 'patch' && (out.start === undefined) !== (out.end === undefined)) {
    throw badRequest("'startDateTime' and 'endDateTime' must be updated together.");
  }
  return out;
}

/** Rejects an end before the start, as Graph does ("as long as start ≤ end"). */
export function checkTimes(start: Date, end: Date): void {
  if (end.getTime() < start.getTime()) {
    throw badRequest(`'endDateTime' (${end.toISOString()}) is before 'startDateTime' (${start.toISOString()}); the meeting must end after it starts.`);
  }
}
