// "Alice's calendar": each person's calendar in the local tenant, at /local/meetings/calendar/{nickname|id|upn}, so
// invitations can be seen arriving, moving and going away.
import express, { type Request, type Response, type Router } from 'express';
import type { LocalContext } from './context';
import type { EventBook, LocalEvent } from './event-book';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function when(e: LocalEvent, zone: string): string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return `${format.formatRange(e.start, e.end).replace(/\u202f|\u2009/g, ' ')} (${zone})`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#242424}
h1{color:#5b5fc7}li{margin:0 0 .75rem}.muted{color:#616161}</style></head><body>${body}</body></html>`;
}

/** The calendar pages; mount beside the join pages. */
export function createCalendarRouter(ctx: LocalContext, book: EventBook): Router {
  const router = express.Router();
  router.get('/calendar/:user', async (req: Request, res: Response) => {
    const key = String(req.params.user);
    const user = ctx.dir.byIdOrUpn(key) ?? ctx.dir.users.find((u) => u.mailNickname.toLowerCase() === key.toLowerCase());
    if (!user) {
      res.status(404).type('html').send(page('Nobody here', `<h1>Nobody here</h1><p>Nobody called ${esc(key)} is in the local directory.</p>`));
      return;
    }
    const zone = user.timeZone ?? 'UTC';
    const items = await Promise.all(
      book.calendarOf(user.id).map(async (e) => {
        const meeting = e.onlineMeetingId ? await ctx.repo.get(e.onlineMeetingId) : undefined;
        const organizer = ctx.dir.byId(e.organizerId);
        const join = meeting ? ` · <a href="${esc(meeting.joinWebUrl)}">Join</a>` : '';
        const role = e.organizerId === user.id ? 'you organize' : `from ${esc(organizer?.displayName ?? 'someone')}`;
        return `<li data-event="${esc(e.id)}"><strong>${esc(e.subject ?? 'Untitled')}</strong><br>${esc(when(e, zone))}${join}<br><span class="muted">${role}; ${e.attendees.length} invited</span></li>`;
      }),
    );
    const list = items.length ? `<ul>${items.join('')}</ul>` : '<p class="muted">Nothing on the calendar.</p>';
    res.type('html').send(page(`${user.displayName}'s calendar`, `<h1>${esc(user.displayName)}'s calendar</h1>${list}`));
  });
  return router;
}
