// GET /calendar/{signed}.ics: the meeting's iCalendar file for anyone holding a valid, unexpired link.
import express, { type Request, type Response, type Router } from 'express';
import type { Clock, Logger, MeetingStore } from '../../src/bot-api';
import { icsFor } from './ics-file';
import type { IcsSigner } from './ics-links';

/** The router serving the files; mount it at ICS_PATH. */
export function createIcsRouter(deps: { signer: IcsSigner; store: MeetingStore; clock: Clock; logger: Logger }): Router {
  const router = express.Router();
  router.get('/:file', async (req: Request, res: Response) => {
    const granted = deps.signer.verify(String(req.params.file), deps.clock.now());
    res.setHeader('cache-control', 'no-store');
    if (!granted.ok) {
      // The same answer for a forged link and for a real meeting someone guessed at: nothing to enumerate.
      const expired = granted.reason === 'expired';
      res.status(expired ? 410 : 404).type('text/plain').send(expired ? 'This calendar link has expired; the meeting is long over.' : 'No such calendar file.');
      return;
    }
    const record = await deps.store.getMeeting(granted.meetingId);
    if (!record) {
      res.status(404).type('text/plain').send('No such calendar file.');
      return;
    }
    res.status(200).type('text/calendar; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="meeting.ics"');
    res.send(icsFor(record));
  });
  return router;
}
