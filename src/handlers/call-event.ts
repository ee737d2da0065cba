// Call started / roster changed / call ended: move the meeting's call state on and refresh its cards.
import type { BotDeps } from '../bot-api';
import { reduceCall, type CallEvent } from '../lifecycle';
import type { KeyedSerial } from '../meetings';
import type { MeetingRecord } from '../meetings/ports';

/** The handler behind `Bot.handleCallEvent`. */
export function createCallEventHandler(
  deps: BotDeps,
  syncCards: (record: MeetingRecord) => Promise<void>,
  serial: KeyedSerial,
) {
  const { store, clock, logger } = deps;
  return async function handleCallEvent(event: CallEvent): Promise<void> {
    // The join URL admits people to the lobby, so logs name the call, not the URL.
    const context = { event: event.kind, callId: event.callId };
    try {
      const found = await store.findMeetingByJoinUrl(event.joinUrl);
      if (!found) {
        logger.info(context, 'call event for a meeting the bot did not make; ignored');
        return;
      }
      const meetingId = found.meeting.id;
      await serial.run(meetingId, async () => {
        const record = (await store.getMeeting(meetingId)) ?? found;
        if (record.status === 'cancelled') {
          logger.debug({ ...context, meetingId }, 'call event for a cancelled meeting; ignored');
          return;
        }
        const call = reduceCall(record.call, event);
        if (call === record.call) {
          logger.debug({ ...context, meetingId }, 'stale or repeated call event; nothing changed');
          return;
        }
        const next: MeetingRecord = { ...record, call, updatedAt: clock.now() };
        await store.saveMeeting(next);
        await syncCards(next);
      });
    } catch (err) {
      logger.error({ ...context, err }, 'could not apply a call event');
    }
  };
}
