// Call started / roster changed / call ended: move the meeting's call state on and refresh its cards.
import type { BotDeps } from '../bot-api';
import { reduceCall, type CallEvent } from '../lifecycle';
import { changeMeeting, type KeyedSerial } from '../meetings';
import type { MeetingRecord } from '../meetings/ports';
import { createSummaryStarter } from '../meetings/summary';
import type { EndedCall } from '../meetings/summary-report';

/** The handler behind `Bot.handleCallEvent`. */
export function createCallEventHandler(
  deps: BotDeps,
  syncCards: (record: MeetingRecord) => Promise<void>,
  serial: KeyedSerial,
) {
  const { store, clock, logger } = deps;
  const startSummary = createSummaryStarter({ ...deps, syncCards });
  return async function handleCallEvent(event: CallEvent): Promise<void> {
    // The join URL admits people to the lobby, so logs name the event and its time, not the URL.
    const context = { event: event.kind, at: event.at.toISOString() };
    try {
      const found = await store.findMeetingByJoinUrl(event.joinUrl);
      if (!found) {
        logger.info(context, 'call event for a meeting the bot did not make; ignored');
        return;
      }
      const meetingId = found.meeting.id;
      await serial.run(meetingId, async () => {
        // Another server instance may change the record meanwhile (a reschedule, an "Add me"): apply the event to
        // the record as it is at write time, so neither change is lost.
        const load = async (): Promise<MeetingRecord> => (await store.getMeeting(meetingId)) ?? found;
        // Set when this very write ended a call: only the writer that ended it starts its summary.
        let ended: EndedCall | undefined;
        const { record, written } = await changeMeeting(store, load, async (current) => {
          ended = undefined;
          if (current.status === 'cancelled') {
            logger.debug({ ...context, meetingId }, 'call event for a cancelled meeting; ignored');
            return current;
          }
          const call = reduceCall(current.call, event);
          if (call === current.call) {
            logger.debug({ ...context, meetingId }, 'stale or repeated call event; nothing changed');
            return current;
          }
          const before = current.call;
          if (call.state === 'ended' && !(before.state === 'ended' && before.callId === call.callId)) ended = call;
          return { ...current, call, updatedAt: clock.now() };
        });
        if (written) await syncCards(record);
        if (written && ended) await startSummary(meetingId, ended);
      });
    } catch (err) {
      logger.error({ ...context, err }, 'could not apply a call event');
    }
  };
}
