// The onlineMeetings slice: create, createOrGet, get, find by join URL, PATCH, DELETE (graph.md §2).
import { joinBase, json, meetingUser, noContent, type LocalContext } from './context';
import { badRequest, GraphHttpError, methodNotAllowed } from './errors';
import { toGraphMeeting } from './format';
import type { GraphRequest, GraphResponse } from './http-types';
import { mintMeeting } from './ids';
import { checkTimes, parseMeetingBody, type MeetingInput } from './meeting-body';
import type { LocalMeeting } from './repo';

const HOUR_MS = 3600_000;

/** Renders a meeting as Graph's JSON for this request. */
export function render(ctx: LocalContext, req: GraphRequest, m: LocalMeeting, entity = true): Record<string, unknown> {
  return toGraphMeeting(m, {
    serviceRoot: req.serviceRoot,
    tenantId: ctx.tenantId,
    lookup: (id) => ctx.dir.byId(id),
    dialinUrl: `${joinBase(ctx)}/dial-in/${m.conferenceId}`,
    entity,
  });
}

function newMeeting(ctx: LocalContext, organizerId: string, input: MeetingInput): LocalMeeting {
  if (input.organizerId && input.organizerId !== organizerId) {
    throw badRequest('participants.organizer must be the user in the request path.');
  }
  const now = ctx.now();
  const start = input.start ?? now;
  const end = input.end ?? new Date(start.getTime() + HOUR_MS);
  checkTimes(start, end);
  const minted = mintMeeting(organizerId);
  const context = encodeURIComponent(JSON.stringify({ Tid: ctx.tenantId, Oid: organizerId })).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase());
  return {
    id: minted.id,
    organizerId,
    externalId: input.externalId ?? null,
    subject: input.subject ?? null,
    start,
    end,
    createdAt: now,
    joinToken: minted.joinToken,
    joinWebUrl: `${joinBase(ctx)}/${minted.joinToken}?context=${context}`,
    threadId: minted.threadId,
    joinMeetingId: minted.joinMeetingId,
    // Teams tenants require passcodes by default; a client may still opt out with isPasscodeRequired: false.
    passcode: input.isPasscodeRequired === false ? null : minted.passcode,
    conferenceId: minted.conferenceId,
    attendees: (input.attendees ?? []).filter((a) => a.userId !== organizerId),
    settings: input.settings,
  };
}

const meetingNotFound = (id: string): GraphHttpError => new GraphHttpError(404, 'NotFound', `The online meeting '${id}' could not be found.`);

/** The meeting `id`, visible to `userId` (its organizer, or an attendee when `attendeeMayRead`). */
async function findMeeting(ctx: LocalContext, userId: string, id: string, attendeeMayRead: boolean): Promise<LocalMeeting> {
  const m = await ctx.repo.get(id);
  if (!m) throw meetingNotFound(id);
  if (m.organizerId === userId) return m;
  if (attendeeMayRead && m.attendees.some((a) => a.userId === userId)) return m;
  throw meetingNotFound(id);
}

/** The join token inside a joinWebUrl, tolerating one extra level of URL-encoding. */
export function joinTokenOf(ctx: LocalContext, url: string): string | undefined {
  const candidates = [url];
  try {
    candidates.push(decodeURIComponent(url));
  } catch {
    // not encoded twice; the raw value is the only candidate
  }
  for (const c of candidates) {
    const at = c.indexOf(`${ctx.joinPath}/`);
    if (at < 0) continue;
    const token = c.slice(at + ctx.joinPath.length + 1).split(/[/?#]/)[0];
    if (token) return token;
  }
  return undefined;
}

const FILTER = /^\s*(JoinWebUrl|joinMeetingIdSettings\/joinMeetingId)\s+eq\s+'((?:[^']|'')*)'\s*$/i;

async function list(ctx: LocalContext, req: GraphRequest, userId: string): Promise<GraphResponse> {
  const filter = req.query.get('$filter');
  if (filter === null) throw badRequest("Listing online meetings needs a $filter: JoinWebUrl eq '{joinWebUrl}' or joinMeetingIdSettings/joinMeetingId eq '{id}'.");
  const match = FILTER.exec(filter);
  if (!match) throw badRequest(`Invalid filter clause: ${filter}. Supported: JoinWebUrl eq '…' and joinMeetingIdSettings/joinMeetingId eq '…'.`);
  const value = (match[2] ?? '').replace(/''/g, "'");
  let found: LocalMeeting | undefined;
  if ((match[1] ?? '').toLowerCase() === 'joinweburl') {
    const token = joinTokenOf(ctx, value);
    found = token ? await ctx.repo.findByJoinToken(token) : undefined;
  } else {
    throw badRequest('Filtering by joinMeetingIdSettings/joinMeetingId is not supported by the local service; filter by JoinWebUrl.');
  }
  const visible = found && (found.organizerId === userId || found.attendees.some((a) => a.userId === userId)) ? [found] : [];
  return json(200, { '@odata.context': `${req.serviceRoot}/$metadata#users('${userId}')/onlineMeetings`, value: visible.map((m) => render(ctx, req, m, false)) }, req.requestId);
}

async function patch(ctx: LocalContext, req: GraphRequest, userId: string, id: string): Promise<GraphResponse> {
  const input = parseMeetingBody(req.body, 'patch', ctx.dir);
  const m = await findMeeting(ctx, userId, id, false);
  if (input.organizerId && input.organizerId !== m.organizerId) throw badRequest('The organizer of an online meeting cannot be changed.');
  const start = input.start ?? m.start;
  const end = input.end ?? m.end;
  checkTimes(start, end);
  const next: LocalMeeting = {
    ...m,
    start,
    end,
    subject: input.subject !== undefined ? input.subject : m.subject,
    attendees: input.attendees ? input.attendees.filter((a) => a.userId !== m.organizerId) : m.attendees,
    settings: { ...m.settings, ...input.settings },
  };
  await ctx.repo.update(next);
  return json(200, render(ctx, req, next), req.requestId);
}

/** Handles `/users/{id}/onlineMeetings[/…]`; `rest` is what follows `onlineMeetings`. */
export async function handleMeetings(ctx: LocalContext, req: GraphRequest, rawUser: string, rest: readonly string[]): Promise<GraphResponse> {
  const user = meetingUser(ctx, rawUser);
  const [first, ...more] = rest;
  if (more.length) throw badRequest(`Resource not found for the segment '${more[0]}'.`);
  if (first === undefined) {
    if (req.method === 'GET') return list(ctx, req, user.id);
    if (req.method === 'POST') {
      const input = parseMeetingBody(req.body, 'create', ctx.dir);
      const { meeting } = await ctx.repo.createOrGet({ ...newMeeting(ctx, user.id, input), externalId: null });
      return json(201, render(ctx, req, meeting), req.requestId);
    }
    throw methodNotAllowed(req.method);
  }
  if (first === 'createOrGet') {
    if (req.method !== 'POST') throw methodNotAllowed(req.method);
    const input = parseMeetingBody(req.body, 'createOrGet', ctx.dir);
    const { meeting, created } = await ctx.repo.createOrGet(newMeeting(ctx, user.id, input));
    return json(created ? 201 : 200, render(ctx, req, meeting), req.requestId);
  }
  if (req.method === 'GET') return json(200, render(ctx, req, await findMeeting(ctx, user.id, first, true)), req.requestId);
  if (req.method === 'PATCH') return patch(ctx, req, user.id, first);
  if (req.method === 'DELETE') {
    await findMeeting(ctx, user.id, first, false);
    await ctx.repo.delete(first);
    return noContent(req.requestId);
  }
  throw methodNotAllowed(req.method);
}
