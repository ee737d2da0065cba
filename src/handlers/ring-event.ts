// The bot's own call leg reported something (a person answered, declined or did not answer; the bot left): move the
// ring on, refresh the cards, and leave the call once nobody rings any more, so the bot never sits in a meeting.
import type { BotDeps } from '../bot-api';
import { reduceRing, stillRinging, type RingEvent } from '../lifecycle/ring';
import { changeMeeting, type KeyedSerial } from '../meetings';
import type { MeetingRecord } from '../meetings/ports';

/** The handler behind `Bot.handleRingEvent`. */
export function createRingEventHandler(deps: BotDeps, syncCards: (record: MeetingRecord) => Promise<void>, serial: KeyedSerial) {
  const { store, clock, logger } = deps;
  return async function handleRingEvent(event: RingEvent): Promise<void> {
    const context = { event: event.kind, meetingId: event.meetingId, callId: event.callId };
    try {
      const found = await store.getMeeting(event.meetingId);
      if (!found) {
        logger.info(context, 'call leg event for a meeting the bot does not know; ignored');
        return;
      }
      await serial.run(event.meetingId, async () => {
        const load = async (): Promise<MeetingRecord> => (await store.getMeeting(event.meetingId)) ?? found;
        let hangUp = false;
        const { record, written } = await changeMeeting(store, load, async (current) => {
          hangUp = false;
          let next = current;
          if (event.kind === 'left' && current.watch?.callId === event.callId) {
            const { watch: _watch, ...rest } = current;
            next = { ...rest, updatedAt: clock.now() };
          }
          if (!current.ring) return next;
          const ring = reduceRing(current.ring, event);
          if (ring === current.ring) return next;
          // The last answer is in: the bot's leg has nothing left to do in this meeting.
          hangUp = event.kind === 'outcome' && !stillRinging(ring) && !ring.over && current.watch?.callId !== ring.callId;
          return { ...next, ring, updatedAt: clock.now() };
        });
        if (written) await syncCards(record);
        const callId = record.ring?.callId;
        if (hangUp && callId) {
          await deps.calling?.leave(callId).catch((err: unknown) => logger.warn({ ...context, err }, 'could not leave the call after ringing'));
        }
      });
    } catch (err) {
      logger.error({ ...context, err }, 'could not apply a call leg event');
    }
  };
}
