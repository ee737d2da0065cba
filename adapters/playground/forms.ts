// The Slack pane's Reschedule form: Slack opens a modal, the playground shows the same fields under the buttons,
// starting from the meeting's own date, time and length in the clicker's zone and language (the core decides them).
import type { Response, Router } from 'express';
import { t, type Bot } from '../../src/bot-api';
import { userRefOf, type PlaygroundPerson } from './people';

/** Who asks, checked as every playground route checks it; answers 400 itself when nobody real does. */
type Identify = (res: Response, as: unknown, conversation: unknown) => { readonly person: PlaygroundPerson } | undefined;

/** GET /playground/api/reschedule-form?as&conversation&meeting: the form's labels and starting values, or why not. */
export function mountRescheduleForm(router: Router, bot: Bot, identify: Identify): void {
  router.get('/playground/api/reschedule-form', async (req, res) => {
    const id = identify(res, req.query.as, req.query.conversation);
    if (!id) return;
    const meetingId = typeof req.query.meeting === 'string' ? req.query.meeting : '';
    const { person } = id;
    const form = await bot.rescheduleForm(meetingId, userRefOf(person), { locale: person.locale, timeZone: person.timeZone });
    if (!form.ok) return void res.json({ ok: false, text: form.reply.text });
    const l = form.locale;
    const labels = { title: t(l, 'card.action.reschedule'), date: t(l, 'card.date'), time: t(l, 'card.time'), duration: t(l, 'card.duration'), save: t(l, 'card.save'), close: t(l, 'form.close') };
    res.json({ ok: true, labels, values: form.values });
  });
}
