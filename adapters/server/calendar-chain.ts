// The calendar service the bot is given: every meeting an invitation creates is told to the same hooks as meetings
// made through onlineMeetings (counted). Its call-event subscription comes with its record, as for any new meeting.
import type { CalendarService } from '../../src/bot-api';
import type { OnCreated } from './meeting-chain';

/** `target` with `onCreated` run after each invitation's meeting. */
export function calendarChain(target: CalendarService, onCreated: readonly OnCreated[]): CalendarService {
  return {
    async invite(spec) {
      const result = await target.invite(spec);
      for (const hook of onCreated) hook(result.meeting);
      return result;
    },
    addEvent: (meeting) => target.addEvent(meeting),
    update: (organizerId, eventId, patch) => target.update(organizerId, eventId, patch),
    cancel: (organizerId, eventId, comment) => target.cancel(organizerId, eventId, comment),
  };
}
