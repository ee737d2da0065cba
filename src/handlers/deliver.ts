// Sending the one reply, and remembering a posted card so later changes can update it.
import type { Logger, MeetingStore, Outbox } from '../meetings/ports';
import type { Locale, Reply } from '../types';

/** Where a card reply was rendered, to record with the posted message. */
export interface CardOrigin {
  readonly meetingId: string;
  readonly locale: Locale;
  readonly timeZone: string;
}

/** Sends `reply`; a card that the platform identified is recorded. Failures are logged, never thrown. */
export async function deliver(
  deps: { store: MeetingStore; logger: Logger },
  outbox: Outbox,
  reply: Reply,
  origin?: CardOrigin,
): Promise<void> {
  let ref;
  try {
    ref = await outbox.send(reply);
  } catch (err) {
    deps.logger.error({ err, reply: reply.kind }, 'could not send a reply');
    return;
  }
  if (!ref || reply.kind !== 'card' || !origin) return;
  try {
    await deps.store.addPostedCard({ meetingId: origin.meetingId, ref, locale: origin.locale, timeZone: origin.timeZone });
  } catch (err) {
    deps.logger.error({ err, meetingId: origin.meetingId }, 'could not record a posted card; it will not be updated');
  }
}
