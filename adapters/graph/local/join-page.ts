// The join page of each local meeting: who is in the call, and buttons to join or leave as anyone in the directory.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { clientErrorOf, requireContentType } from '../../server/http-errors';
import { CallError, type CallHub } from './calls';
import type { LocalContext } from './context';
import type { LocalUser } from './directory';
import { TOLL_FREE_NUMBER, TOLL_NUMBER } from './format';
import type { LocalMeeting } from './repo';

/** The largest form or JSON body the join page takes. */
export const JOIN_BODY_LIMIT = '16kb';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Dates as people read them, in the organizer's zone (named, so nobody guesses). The local service stands in for
// Microsoft's, so it formats its own page rather than borrowing the bot's formatter.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(zone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone: zone });
    dateFormats.set(zone, format);
  }
  return format;
}
const plainSpaces = (text: string): string => text.replace(/[\u00a0\u2009\u202f]/g, ' ');
function formatDateTime(at: Date, zone: string): string {
  return plainSpaces(dateFormat(zone).format(at));
}
function when(m: LocalMeeting, zone: string): string {
  return `${plainSpaces(dateFormat(zone).formatRange(m.start, m.end))} (${zone})`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#242424}
h1{color:#5b5fc7}dt{font-weight:600}dd{margin:0 0 .5rem}form{display:inline-block;margin:.5rem 1rem .5rem 0}
button{background:#5b5fc7;color:#fff;border:0;border-radius:4px;padding:.4rem 1rem}.note{background:#f0f0ff;padding:.5rem}</style></head>
<body>${body}</body></html>`;
}

function options(users: readonly LocalUser[]): string {
  return users.map((u) => `<option value="${esc(u.id)}">${esc(u.displayName)} (${esc(u.mailNickname)})</option>`).join('');
}

/** Links to the calendars of everyone the meeting has (calendar-page.ts), where its invitation shows. */
function calendarLinks(ctx: LocalContext, m: LocalMeeting, base: string): string {
  const people = [m.organizerId, ...m.attendees.map((a) => a.userId)].map((id) => ctx.dir.byId(id)).filter((u): u is LocalUser => u !== undefined);
  const links = people.map((u) => `<a href="${base}/calendar/${encodeURIComponent(u.mailNickname)}">${esc(u.displayName)}'s calendar</a>`);
  return links.length ? `<p class="calendars">${links.join(' · ')}</p>` : '';
}

/** More of the page, below who is in the call: the incoming rings of the Calls API (ring-page.ts). */
export type JoinPageSection = (m: LocalMeeting, action: string, csrfField: string) => string;

async function meetingPage(ctx: LocalContext, calls: CallHub, m: LocalMeeting, note: string | undefined, base: string, csrf: string | undefined, section?: JoinPageSection): Promise<string> {
  const organizer = ctx.dir.byId(m.organizerId);
  const zone = organizer?.timeZone ?? 'UTC';
  const roster = await calls.roster(m.id);
  const inCall = roster?.users ?? [];
  const outside = ctx.dir.users.filter((u) => !inCall.some((x) => x.id === u.id));
  const action = `${base}/${encodeURIComponent(m.joinToken)}`;
  // The server's CSRF token (adapters/server/browser-guard.ts), repeated in each form; absent when served on its own.
  const token = csrf ? `<input type="hidden" name="_csrf" value="${esc(csrf)}">` : '';
  const attendees = m.attendees.map((a) => ctx.dir.byId(a.userId)?.displayName ?? a.userId).join(', ') || '—';
  return page(
    m.subject ?? 'Microsoft Teams meeting',
    `<h1>${esc(m.subject ?? 'Microsoft Teams meeting')}</h1>
${note ? `<p class="note" role="status">${esc(note)}</p>` : ''}
<dl><dt>When</dt><dd>${esc(when(m, zone))}</dd>
<dt>Organizer</dt><dd>${esc(organizer?.displayName ?? m.organizerId)}</dd>
<dt>Invited</dt><dd>${esc(attendees)}</dd>
<dt>Meeting ID</dt><dd>${esc(m.joinMeetingId.replace(/(\d{3})(?=\d)/g, '$1 '))}</dd>
${m.passcode ? `<dt>Passcode</dt><dd>${esc(m.passcode)}</dd>` : ''}
<dt>Call</dt><dd id="call">${roster ? `Live since ${esc(formatDateTime(roster.since, zone))}: ${esc(inCall.map((u) => u.displayName).join(', '))}` : 'Nobody is in the call.'}</dd></dl>
${section ? section(m, action, token) : ''}
${outside.length ? `<form method="post" action="${action}/join">${token}<label>Join as <select name="user">${options(outside)}</select></label> <button type="submit">Join</button></form>` : ''}
${inCall.length ? `<form method="post" action="${action}/leave">${token}<label>Leave as <select name="user">${options(inCall)}</select></label> <button type="submit">Leave</button></form>` : ''}
${calendarLinks(ctx, m, base)}`,
  );
}

/** The Router for `/local/meetings`: GET /{joinToken}, POST /{joinToken}/join, POST /{joinToken}/leave, GET /dial-in/{id}. */
export function createJoinRouter(ctx: LocalContext, calls: CallHub, log: { warn(obj: object, msg?: string): void }, section?: JoinPageSection): Router {
  const router = express.Router();
  router.use(requireContentType('application/x-www-form-urlencoded', 'application/json'));
  router.use(express.urlencoded({ extended: false, limit: JOIN_BODY_LIMIT }));
  router.use(express.json({ limit: JOIN_BODY_LIMIT }));

  router.get('/dial-in/:conferenceId', (req: Request, res: Response) => {
    res.type('html').send(page('Dial in', `<h1>Dial in</h1><p>Call ${TOLL_NUMBER} (toll) or ${TOLL_FREE_NUMBER} (toll free) and enter conference ID ${esc(String(req.params.conferenceId))}#.</p>`));
  });

  router.get('/:token', async (req: Request, res: Response) => {
    const m = await ctx.repo.findByJoinToken(String(req.params.token));
    if (!m) {
      res.status(404).type('html').send(page('Meeting not found', '<h1>Meeting not found</h1><p>This meeting does not exist or was cancelled.</p>'));
      return;
    }
    const note = typeof req.query.note === 'string' ? req.query.note : undefined;
    const csrf: unknown = res.locals.csrfToken;
    res.type('html').send(await meetingPage(ctx, calls, m, note, req.baseUrl, typeof csrf === 'string' ? csrf : undefined, section));
  });

  const act = (kind: 'join' | 'leave') => async (req: Request, res: Response) => {
    const token = String(req.params.token);
    const body: unknown = req.body;
    const user = typeof body === 'object' && body !== null && 'user' in body && typeof body.user === 'string' ? body.user : '';
    const wantsJson = Boolean(req.is('application/json'));
    let note: string;
    let status = 200;
    try {
      if (!user) throw new CallError('Choose who joins or leaves.');
      if (kind === 'join') {
        const r = await calls.join(token, user);
        note = r.started ? 'Joined; the call started.' : 'Joined the call.';
      } else {
        const r = await calls.leave(token, user);
        note = !r ? 'That person was not in the call.' : r.ended ? 'Left; the call ended.' : 'Left the call.';
      }
    } catch (err) {
      if (!(err instanceof CallError)) throw err;
      note = err.message;
      status = /does not exist/.test(err.message) ? 404 : 400;
    }
    if (wantsJson) {
      const meeting = await ctx.repo.findByJoinToken(token);
      const roster = meeting ? await calls.roster(meeting.id) : undefined;
      res.status(status).json({ ok: status === 200, message: note, roster: (roster?.users ?? []).map((u) => u.id) });
      return;
    }
    if (status === 404) {
      res.status(404).type('html').send(page('Meeting not found', `<h1>Meeting not found</h1><p>${esc(note)}</p>`));
      return;
    }
    res.redirect(303, `${req.baseUrl}/${encodeURIComponent(token)}?note=${encodeURIComponent(note)}`);
  };
  router.post('/:token/join', act('join'));
  router.post('/:token/leave', act('leave'));
  // Also when served on its own (startLocalGraphServer): a broken body is the sender's 4xx, anything else a plain 500.
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const refused = clientErrorOf(err);
    log.warn({ err }, 'join page request failed');
    res.status(refused?.status ?? 500).type('html').send(page('Something went wrong', `<h1>Something went wrong</h1><p>${esc(refused?.message ?? 'Please try again.')}</p>`));
  });
  return router;
}
