// Rendering stored meetings and users into Graph's JSON, field for field as graph.md §1 and §5 show them.
import type { LocalUser } from './directory';
import type { LocalMeeting } from './repo';

/** Graph's UTC format with seven fractional digits: `2019-07-11T02:17:17.6490000Z`. */
export function graphDate(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

const SIXTY_DAYS_MS = 60 * 24 * 3600 * 1000;

/** Looks a user up for rendering; unknown ids (deleted users) still render with their id. */
export type UserLookup = (id: string) => LocalUser | undefined;

function participant(userId: string, role: string, tenantId: string, lookup: UserLookup): Record<string, unknown> {
  const u = lookup(userId);
  return {
    identity: {
      application: null,
      device: null,
      phone: null,
      user: { id: userId, displayName: u?.displayName ?? null, tenantId, identityProvider: 'AAD' },
    },
    upn: u?.userPrincipalName ?? null,
    role,
  };
}

function joinInformation(m: LocalMeeting): Record<string, unknown> {
  const html =
    `<p>Microsoft Teams meeting</p><p><a href="${m.joinWebUrl}">Click here to join the meeting</a></p>` +
    `<p>Meeting ID: ${m.joinMeetingId}</p>${m.passcode ? `<p>Passcode: ${m.passcode}</p>` : ''}`;
  return { content: `data:text/html,${encodeURIComponent(html)}`, contentType: 'html' };
}

/** The toll dial-in number of every local meeting (numbers from the reserved 555-01xx range). */
export const TOLL_NUMBER = '+1 425-555-0123';
/** The toll-free dial-in number of every local meeting. */
export const TOLL_FREE_NUMBER = '+1 800-555-0123';

/** Dial-in coordinates every local meeting gets. */
export function audioConferencing(m: LocalMeeting, dialinUrl: string): Record<string, unknown> {
  return {
    conferenceId: m.conferenceId,
    tollNumber: TOLL_NUMBER,
    tollFreeNumber: TOLL_FREE_NUMBER,
    tollNumbers: [TOLL_NUMBER],
    tollFreeNumbers: [TOLL_FREE_NUMBER],
    dialinUrl,
  };
}

/** The onlineMeeting resource as Graph returns it. */
export function toGraphMeeting(
  m: LocalMeeting,
  ctx: { serviceRoot: string; tenantId: string; lookup: UserLookup; dialinUrl: string; entity?: boolean },
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    '@odata.type': '#microsoft.graph.onlineMeeting',
    id: m.id,
    creationDateTime: graphDate(m.createdAt),
    startDateTime: graphDate(m.start),
    endDateTime: graphDate(m.end),
    expiryDateTime: graphDate(new Date(m.end.getTime() + SIXTY_DAYS_MS)),
    joinUrl: m.joinWebUrl,
    joinWebUrl: m.joinWebUrl,
    meetingCode: m.joinMeetingId,
    subject: m.subject,
    externalId: m.externalId,
    isBroadcast: false,
    autoAdmittedUsers: 'EveryoneInCompany',
    outerMeetingAutoAdmittedUsers: null,
    capabilities: [],
    videoTeleconferenceId: null,
    meetingType: null,
    meetingSpokenLanguageTag: '',
    allowedPresenters: 'everyone',
    allowMeetingChat: 'enabled',
    allowTeamworkReactions: true,
    allowAttendeeToEnableCamera: true,
    allowAttendeeToEnableMic: true,
    allowRecording: true,
    allowTranscription: true,
    isEntryExitAnnounced: true,
    recordAutomatically: false,
    isEndToEndEncryptionEnabled: false,
    lobbyBypassSettings: { scope: 'organization', isDialInBypassEnabled: false },
    ...m.settings,
    joinInformation: joinInformation(m),
    joinMeetingIdSettings: { isPasscodeRequired: m.passcode !== null, joinMeetingId: m.joinMeetingId, passcode: m.passcode },
    audioConferencing: audioConferencing(m, ctx.dialinUrl),
    chatInfo: { threadId: m.threadId, messageId: '0', replyChainMessageId: null },
    participants: {
      organizer: participant(m.organizerId, 'presenter', ctx.tenantId, ctx.lookup),
      attendees: m.attendees.map((a) => participant(a.userId, a.role, ctx.tenantId, ctx.lookup)),
      producers: [],
      contributors: [],
    },
  };
  if (ctx.entity === false) return body;
  return { '@odata.context': `${ctx.serviceRoot}/$metadata#users('${m.organizerId}')/onlineMeetings/$entity`, ...body };
}

/** The properties `GET /users/{id}` returns without `$select` (graph.md §5). */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName',
] as const;

/** A user as Graph returns it; `select` limits the properties (unknown names come back as null, as Graph does for unset ones). */
export function toGraphUser(u: LocalUser, select?: readonly string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    businessPhones: [],
    mobilePhone: null,
    givenName: null,
    surname: null,
    jobTitle: null,
    officeLocation: null,
    preferredLanguage: null,
    timeZone: null,
    ...u,
  };
  const names = select && select.length ? select : DEFAULT_USER_PROPERTIES;
  const out: Record<string, unknown> = {};
  for (const n of names) out[n] = all[n] ?? null;
  return out;
}
