// `/users/{id}/events[/{id}[/cancel]]` (graph.md §6): calendar events with a Teams meeting. The meeting itself is made,
// moved and deleted through this service's own onlineMeetings slice, so join pages and call events work as for any other.
import { randomUUID } from 'node:crypto';
import { json, noContent, type LocalContext } from './context';
import type { LocalUser } from './directory';
import type { Dispatch, ExtraRoute } from './dispatch';
import { badRequest, GraphHttpError, methodNotAllowed, userNotFound } from './errors';
import { parseEventBody, type EventInput } from './event-body';
import type { EventBook, LocalEvent } from './event-book';
import { graphDate } from './format';
import type { GraphRequest, GraphResponse } from './http-types';
import { isObject } from './http-types';

const notFound = (id: string): GraphHttpError => new GraphHttpError(404, 'ErrorItemNotFound', `The event '${id}' could not be found in this calendar.`);

/** Graph's dateTimeTimeZone in UTC, as it answers without a Prefer header: `2026-03-05T15:00:00.0000000`. */
const utcPair = (d: Date) => ({ dateTime: graphDate(d).replace(/Z$/, ''), timeZone: 'UTC' });

/** Events, routed: other paths pass on. */
export function eventsRoute(ctx: LocalContext, book: EventBook, dispatch: () => Dispatch): ExtraRoute {
  const inner = async (req: GraphRequest, method: string, segments: string[], body: unknown): Promise<GraphResponse> =>
    dispatch()({ method, segments, query: new URLSearchParams(), headers: { 'content-type': 'application/json' }, body, requestId: req.requestId, serviceRoot: req.serviceRoot }, false);

  async function render(req: GraphRequest, e: LocalEvent): Promise<Record<string, unknown>> {
    const organizer = ctx.dir.byId(e.organizerId);
    let onlineMeeting: Record<string, unknown> | null = null;
    if (e.onlineMeetingId) {
      const m = await ctx.repo.get(e.onlineMeetingId);
      if (m) onlineMeeting = { joinUrl: m.joinWebUrl, conferenceId: m.conferenceId, tollNumber: '+1 425-555-0123', tollFreeNumbers: ['+1 800-555-0123'] };
    }
    return {
      '@odata.context': `${req.serviceRoot}/$metadata#users('${e.organizerId}')/events/$entity`,
      id: e.id,
      iCalUId: e.iCalUId,
      createdDateTime: graphDate(e.createdAt),
      lastModifiedDateTime: graphDate(e.modifiedAt),
      transactionId: e.transactionId,
      subject: e.subject,
      body: { contentType: 'html', content: e.bodyHtml },
      start: utcPair(e.start),
      end: utcPair(e.end),
      location: { displayName: 'Microsoft Teams Meeting', locationType: 'default' },
      isCancelled: false,
      isOrganizer: true,
      responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
      isOnlineMeeting: e.onlineMeetingId !== null,
      onlineMeetingProvider: e.onlineMeetingId !== null ? 'teamsForBusiness' : 'unknown',
      onlineMeetingUrl: null,
      onlineMeeting,
      organizer: { emailAddress: { name: organizer?.displayName ?? e.organizerId, address: organizer?.mail ?? '' } },
      attendees: e.attendees.map((a) => ({ type: 'required', status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress: { name: a.name, address: a.address } })),
      webLink: `${ctx.publicBaseUrl}${ctx.joinPath}/calendar/${encodeURIComponent(organizer?.mailNickname ?? e.organizerId)}`,
    };
  }

  const participants = (input: Pick<EventInput, 'attendees'>) =>
    (input.attendees ?? []).flatMap((a) => (a.userId ? [{ identity: { user: { id: a.userId } }, upn: a.address, role: 'attendee' }] : []));

  async function create(req: GraphRequest, user: LocalUser): Promise<GraphResponse> {
    const input = parseEventBody(req.body, 'create', ctx.dir);
    const again = input.transactionId ? book.byTransaction(user.id, input.transactionId) : undefined;
    if (again) return json(201, await render(req, again), req.requestId);
    const start = input.start as Date;
    const end = input.end as Date;
    if (end.getTime() < start.getTime()) throw badRequest('The end of the event is before its start.');
    const id = Buffer.from(`AAMk-${randomUUID()}`).toString('base64url');
    let onlineMeetingId: string | null = null;
    if (input.isOnlineMeeting) {
      const made = await inner(req, 'POST', ['users', user.id, 'onlineMeetings', 'createOrGet'], {
        externalId: `event:${id}`, subject: input.subject ?? undefined, startDateTime: start.toISOString(), endDateTime: end.toISOString(),
        participants: { attendees: participants(input) },
      });
      if (made.status >= 300 || !isObject(made.body) || typeof made.body.id !== 'string') return made;
      onlineMeetingId = made.body.id;
    }
    const now = ctx.now();
    const event: LocalEvent = {
      id, iCalUId: `040000008200E00074C5B7101A82E008${randomUUID().replace(/-/g, '').toUpperCase()}`, organizerId: user.id,
      transactionId: input.transactionId ?? null, subject: input.subject ?? null, bodyHtml: input.bodyHtml ?? '', start, end,
      attendees: (input.attendees ?? []).filter((a) => a.userId !== user.id), onlineMeetingId, createdAt: now, modifiedAt: now,
    };
    book.save(event);
    return json(201, await render(req, event), req.requestId);
  }

  async function patch(req: GraphRequest, e: LocalEvent): Promise<GraphResponse> {
    const input = parseEventBody(req.body, 'patch', ctx.dir);
    const start = input.start ?? e.start;
    const end = input.end ?? e.end;
    if (end.getTime() < start.getTime()) throw badRequest('The end of the event is before its start.');
    const next: LocalEvent = {
      ...e, start, end, subject: input.subject !== undefined ? input.subject : e.subject, bodyHtml: input.bodyHtml ?? e.bodyHtml,
      attendees: input.attendees ? input.attendees.filter((a) => a.userId !== e.organizerId) : e.attendees, modifiedAt: ctx.now(),
    };
    if (e.onlineMeetingId) {
      const moved = await inner(req, 'PATCH', ['users', e.organizerId, 'onlineMeetings', e.onlineMeetingId], {
        startDateTime: start.toISOString(), endDateTime: end.toISOString(), ...(input.attendees ? { participants: { attendees: participants(next) } } : {}),
      });
      if (moved.status >= 300 && moved.status !== 404) return moved;
    }
    book.save(next);
    return json(200, await render(req, next), req.requestId);
  }

  async function remove(req: GraphRequest, e: LocalEvent, comment?: string): Promise<void> {
    if (e.onlineMeetingId) await inner(req, 'DELETE', ['users', e.organizerId, 'onlineMeetings', e.onlineMeetingId], undefined);
    book.delete(e.id);
    if (comment !== undefined) book.cancellations.push({ event: e, comment, at: ctx.now() });
  }

  return async (req) => {
    const [users, rawUser, events, eventId, action, ...rest] = req.segments;
    if (users !== 'users' || !rawUser || (events !== 'events' && events !== 'calendarView')) return undefined;
    const user = ctx.dir.byIdOrUpn(rawUser);
    if (!user) throw userNotFound(rawUser);
    if (rest.length || (action !== undefined && action !== 'cancel')) throw badRequest(`Resource not found for the segment '${action ?? ''}'.`);
    if (events === 'calendarView' || eventId === undefined) {
      if (req.method === 'POST' && events === 'events') return create(req, user);
      if (req.method !== 'GET') throw methodNotAllowed(req.method);
      const value = await Promise.all(book.calendarOf(user.id).map((e) => render(req, e)));
      return json(200, { '@odata.context': `${req.serviceRoot}/$metadata#users('${user.id}')/events`, value }, req.requestId);
    }
    const e = book.get(eventId);
    if (!e || (e.organizerId !== user.id && !e.attendees.some((a) => a.userId === user.id))) throw notFound(eventId);
    if (action === 'cancel') {
      if (req.method !== 'POST') throw methodNotAllowed(req.method);
      if (e.organizerId !== user.id) throw new GraphHttpError(400, 'ErrorInvalidRequest', 'Only the organizer can cancel the event.');
      const comment = isObject(req.body) && typeof req.body.comment === 'string' ? req.body.comment : '';
      await remove(req, e, comment);
      return { status: 202, headers: { 'request-id': req.requestId } };
    }
    if (req.method === 'GET') return json(200, await render(req, e), req.requestId);
    if (e.organizerId !== user.id) throw new GraphHttpError(403, 'ErrorAccessDenied', 'Only the organizer can change the event.');
    if (req.method === 'PATCH') return patch(req, e);
    if (req.method === 'DELETE') {
      await remove(req, e);
      return noContent(req.requestId);
    }
    throw methodNotAllowed(req.method);
  };
}
