// `/communications/calls` with Graph's shapes (graph.md §4.2–4.4): POST joins a meeting's call by its
// organizerMeetingInfo + chatInfo (201, Location, `establishing`), `participants/invite` rings up to 5 people
// (200, Location, inviteParticipantsOperation), GET reads the call, DELETE ends only the app's leg (204).
import type { CallLegs, LocalApp, LocalLeg } from './call-legs';
import { json, noContent, type LocalContext } from './context';
import type { ExtraRoute } from './dispatch';
import { badRequest, GraphHttpError, methodNotAllowed } from './errors';
import { isObject, type GraphRequest, type GraphResponse } from './http-types';
import type { LocalMeeting } from './repo';
import type { LocalUser } from './directory';

/** Graph's limit on one participants/invite request. */
const MAX_INVITEES = 5;

const field = (o: unknown, key: string): unknown => (isObject(o) ? o[key] : undefined);
const text = (o: unknown, key: string): string | undefined => {
  const v = field(o, key);
  return typeof v === 'string' && v.length > 0 ? v : undefined;
};

/** The meeting a call body names: organizerMeetingInfo + chatInfo (the meeting id is built from both, as Teams builds it), or its meeting ID and passcode. */
async function meetingOf(ctx: LocalContext, body: Record<string, unknown>): Promise<LocalMeeting> {
  const info = body.meetingInfo;
  const kind = text(info, '@odata.type');
  if (kind === '#microsoft.graph.organizerMeetingInfo') {
    const organizerId = text(field(field(info, 'organizer'), 'user'), 'id');
    const threadId = text(body.chatInfo, 'threadId');
    if (!organizerId || !threadId) throw badRequest('organizerMeetingInfo needs organizer.user.id, and chatInfo.threadId must be given with it.');
    const meeting = await ctx.repo.get(Buffer.from(`1*${organizerId}*0**${threadId}`).toString('base64'));
    if (!meeting) throw new GraphHttpError(404, 'NotFound', 'No online meeting has that organizer and chat thread.');
    return meeting;
  }
  if (kind === '#microsoft.graph.joinMeetingIdMeetingInfo') {
    const joinMeetingId = text(info, 'joinMeetingId')?.replace(/\s+/g, '');
    if (!joinMeetingId) throw badRequest('joinMeetingIdMeetingInfo needs joinMeetingId.');
    const meeting = await ctx.repo.findByJoinMeetingId?.(joinMeetingId);
    // Like Teams: a wrong passcode is as good as no meeting.
    if (!meeting || (meeting.passcode && meeting.passcode !== text(info, 'passcode'))) throw new GraphHttpError(404, 'NotFound', 'No online meeting has that meeting ID and passcode.');
    return meeting;
  }
  throw badRequest("'meetingInfo' must be an organizerMeetingInfo (with chatInfo) or a joinMeetingIdMeetingInfo.");
}

function render(req: GraphRequest, ctx: LocalContext, leg: LocalLeg): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.call',
    '@odata.context': `${req.serviceRoot}/$metadata#app/calls/$entity`,
    id: leg.id,
    state: leg.state,
    direction: 'outgoing',
    callbackUri: leg.callbackUri,
    callChainId: leg.meeting.id.slice(0, 36),
    myParticipantId: leg.participantId,
    source: { '@odata.type': '#microsoft.graph.participantInfo', identity: { application: { id: leg.app.id, displayName: leg.app.displayName } }, region: null, languageId: null },
    targets: [],
    requestedModalities: leg.body.requestedModalities ?? ['audio'],
    mediaConfig: leg.body.mediaConfig ?? { '@odata.type': '#microsoft.graph.serviceHostedMediaConfig' },
    chatInfo: leg.body.chatInfo ?? null,
    meetingInfo: leg.body.meetingInfo ?? null,
    tenantId: ctx.tenantId,
    subject: null,
    resultInfo: null,
    answeredBy: null,
    toneInfo: null,
    transcription: null,
    mediaState: null,
    ringingTimeoutInSeconds: null,
  };
}

function invitees(ctx: LocalContext, body: unknown): LocalUser[] {
  const list = field(body, 'participants');
  if (!Array.isArray(list) || list.length === 0) throw badRequest("'participants' must list who to invite.");
  if (list.length > MAX_INVITEES) throw badRequest(`At most ${MAX_INVITEES} participants can be invited in one request.`);
  return list.map((p) => {
    const id = text(field(field(p, 'identity'), 'user'), 'id');
    const user = id ? ctx.dir.byId(id) : undefined;
    if (!user) throw new GraphHttpError(404, 'NotFound', `The user '${id ?? ''}' could not be found.`);
    return user;
  });
}

/** Routes the Calls API; other paths are not its business. `allows` guards callbackUris as notificationUrls are guarded. */
export function callsRoute(ctx: LocalContext, legs: CallLegs, app: LocalApp, allows: (url: URL) => boolean): ExtraRoute {
  return async (req): Promise<GraphResponse | undefined> => {
    const [communications, calls, callId, sub, action, ...rest] = req.segments;
    if (communications !== 'communications' || calls !== 'calls') return undefined;
    if (callId === undefined) {
      if (req.method !== 'POST') throw methodNotAllowed(req.method);
      const body = req.body;
      if (!isObject(body)) throw badRequest('The request body must be a call.');
      const callbackUri = text(body, 'callbackUri');
      let url: URL | undefined;
      try {
        url = callbackUri ? new URL(callbackUri) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || !/^https?:$/.test(url.protocol)) throw badRequest("'callbackUri' must be an absolute URL.");
      if (!allows(url)) throw badRequest("'callbackUri' is not on an origin this service delivers to.");
      if (text(field(body, 'mediaConfig'), '@odata.type') !== '#microsoft.graph.serviceHostedMediaConfig') throw badRequest('The local service plays service-hosted media only (serviceHostedMediaConfig).');
      const leg = legs.open(await meetingOf(ctx, body), url.toString(), app, body);
      // The answer shows the leg as it was made; `established` follows as a notification, as with Graph.
      const answer = json(201, { ...render(req, ctx, leg), state: 'establishing' }, req.requestId);
      return { ...answer, headers: { ...answer.headers, location: `${req.serviceRoot}/communications/calls/${leg.id}` } };
    }
    const leg = legs.get(callId);
    if (!leg) throw new GraphHttpError(404, 'NotFound', `The call '${callId}' could not be found.`);
    if (sub === undefined) {
      if (req.method === 'GET') return json(200, render(req, ctx, leg), req.requestId);
      if (req.method === 'DELETE') {
        legs.close(leg);
        return noContent(req.requestId);
      }
      throw methodNotAllowed(req.method);
    }
    if (sub === 'keepAlive' && action === undefined) {
      if (req.method !== 'POST') throw methodNotAllowed(req.method);
      return json(200, {}, req.requestId);
    }
    if (sub === 'participants' && action === 'invite' && rest.length === 0) {
      if (req.method !== 'POST') throw methodNotAllowed(req.method);
      const clientContext = text(req.body, 'clientContext') ?? '';
      if (clientContext.length > 256) throw badRequest("'clientContext' can be at most 256 characters.");
      const people = invitees(ctx, req.body);
      const op = await legs.invite(leg, people, clientContext);
      const answer = json(200, {
        '@odata.type': '#microsoft.graph.inviteParticipantsOperation',
        '@odata.context': `${req.serviceRoot}/$metadata#app/calls('${leg.id}')/operations/$entity`,
        id: op.id,
        status: 'running',
        clientContext,
        resultInfo: null,
        participants: people.map((u) => ({ '@odata.type': '#microsoft.graph.invitationParticipantInfo', identity: { user: { id: u.id, displayName: u.displayName, tenantId: ctx.tenantId } } })),
      }, req.requestId);
      return { ...answer, headers: { ...answer.headers, location: `${req.serviceRoot}/communications/calls/${leg.id}/operations/${op.id}` } };
    }
    throw badRequest(`Resource not found for the segment '${sub}'.`);
  };
}
