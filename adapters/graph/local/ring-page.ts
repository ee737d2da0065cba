// The incoming calls on a local join page: each person an app rings sees it with Answer and Decline (also as JSON:
// POST /{joinToken}/answer and /decline with {"user":"bob"}, like join and leave). Answering joins them to the call.
import express, { type Request, type Response, type Router } from 'express';
import { requireContentType } from '../../server/http-errors';
import type { CallLegs } from './call-legs';
import type { LocalContext } from './context';
import type { LocalUser } from './directory';
import type { LocalMeeting } from './repo';

const BODY_LIMIT = '16kb';
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function userOf(ctx: LocalContext, ref: string): LocalUser | undefined {
  return ctx.dir.byIdOrUpn(ref) ?? ctx.dir.users.find((u) => u.mailNickname.toLowerCase() === ref.toLowerCase());
}

/** The join page's part about the app legs: who is ringing (with Answer and Decline) and which apps are in the call. */
export function ringSection(legs: CallLegs, m: LocalMeeting, action: string, csrfField: string): string {
  const apps = legs.appsIn(m.id);
  const rings = legs.incoming(m.id);
  const inCall = apps.length ? `<p id="apps">Also in the call: ${apps.map((a) => `${esc(a.displayName)} (app)`).join(', ')}</p>` : '';
  const incoming = rings
    .map(
      (r) => `<div class="note ring" data-user="${esc(r.user.mailNickname)}" role="alert">📞 Incoming call for ${esc(r.user.displayName)} from ${esc(r.app.displayName)}
<form method="post" action="${action}/answer">${csrfField}<input type="hidden" name="user" value="${esc(r.user.id)}"><button type="submit">Answer</button></form>
<form method="post" action="${action}/decline">${csrfField}<input type="hidden" name="user" value="${esc(r.user.id)}"><button type="submit">Decline</button></form></div>`,
    )
    .join('\n');
  return `${inCall}${incoming}`;
}

/** The Router for `/local/meetings/{joinToken}/answer` and `/decline`; everything else passes on to the join page. */
export function createRingRouter(ctx: LocalContext, legs: CallLegs): Router {
  const router = express.Router();
  router.use(requireContentType('application/x-www-form-urlencoded', 'application/json'));
  const act = (kind: 'answer' | 'decline') => async (req: Request, res: Response) => {
    const token = String(req.params.token);
    const meeting = (await ctx.repo.findByJoinToken(token)) ?? (await ctx.repo.get(token));
    const body: unknown = req.body;
    const ref = typeof body === 'object' && body !== null && 'user' in body && typeof body.user === 'string' ? body.user : '';
    const user = ref ? userOf(ctx, ref) : undefined;
    let status = 200;
    let note: string;
    if (!meeting) {
      status = 404;
      note = 'That meeting does not exist (it may have been cancelled).';
    } else if (!user) {
      status = 400;
      note = ref ? `Nobody called '${ref}' is in the local directory.` : 'Choose who answers.';
    } else if (kind === 'answer') {
      note = (await legs.answer(meeting, user)) ? `${user.displayName} answered and joined the call.` : `Nothing is ringing for ${user.displayName}.`;
    } else {
      note = legs.decline(meeting, user) ? `${user.displayName} declined the call.` : `Nothing is ringing for ${user.displayName}.`;
    }
    if (req.is('application/json')) {
      res.status(status).json({ ok: status === 200, message: note, ringing: meeting ? legs.incoming(meeting.id).map((r) => r.user.id) : [] });
      return;
    }
    if (!meeting) {
      res.status(404).type('text').send(note);
      return;
    }
    res.redirect(303, `${req.baseUrl}/${encodeURIComponent(meeting.joinToken)}?note=${encodeURIComponent(note)}`);
  };
  router.post('/:token/answer', express.urlencoded({ extended: false, limit: BODY_LIMIT }), express.json({ limit: BODY_LIMIT }), act('answer'));
  router.post('/:token/decline', express.urlencoded({ extended: false, limit: BODY_LIMIT }), express.json({ limit: BODY_LIMIT }), act('decline'));
  return router;
}
