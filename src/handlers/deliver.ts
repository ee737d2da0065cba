// Sending the one reply, and remembering a posted card so later changes can update it. A delivery finished as a job
// may be a retry after a crash: it answers once, by finding what an earlier try posted before posting again.
import { withNote } from '../cards';
import { t } from '../i18n';
import type { Clock, Logger, MeetingStore, Messenger, Outbox, PostedCard } from '../meetings/ports';
import type { ConversationRef, Delivery, Locale, MessageRef, Reply } from '../types';
import { deliveryKey } from './admission';

/** Where a card reply was rendered, to record with the posted message. */
export interface CardOrigin {
  readonly meetingId: string;
  readonly locale: Locale;
  readonly timeZone: string;
}

/** The delivery a reply answers. */
export interface Answering {
  readonly conversation: ConversationRef;
  readonly idempotencyKey: string;
  readonly receivedAt: Date;
  readonly delivery?: Delivery;
  readonly locale: Locale;
}

/** What deliver needs. */
export interface DeliverDeps {
  readonly store: MeetingStore;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly messenger: Messenger;
  /** Told how long a sent reply went unrecorded: the window in which a crash would make a retry answer twice. */
  readonly onReplyRecorded?: (unrecordedMs: number) => void;
}

/** An answer later than this apologises for it. */
export const LATE_AFTER_MS = 10_000;

/** The key under which "the delivery with this key (`deliveryKey`) was answered" is remembered. */
export function answeredKey(key: string): string {
  return `${key}#answered`;
}

const answeredKeyOf = (answering: Answering): string => answeredKey(deliveryKey(answering.conversation, answering.idempotencyKey));

/**
 * True when another try of this job already answered it. Only a retry asks, or a try that outlived its lease (another
 * instance may have taken the job meanwhile): a first try within its lease cannot have been overtaken.
 */
export async function answeredBefore(store: MeetingStore, answering: Answering, now: Date): Promise<boolean> {
  const delivery = answering.delivery;
  if (!delivery) return false;
  const overtaken = delivery.retryCount > 0 || (delivery.leaseEndsAt !== undefined && now.getTime() >= delivery.leaseEndsAt.getTime());
  return overtaken && store.hasSeenEvent(answeredKeyOf(answering));
}

function sameConversation(a: ConversationRef, b: ConversationRef): boolean {
  return a.platform === b.platform && a.id === b.id && (a.threadId ?? '') === (b.threadId ?? '');
}

function late(reply: Reply, locale: Locale): Reply {
  const note = t(locale, 'card.late');
  if (reply.kind === 'card') return { ...reply, card: withNote(reply.card, note) };
  return { ...reply, text: `${note}\n${reply.text}` };
}

/** The message an earlier try posted for this reply: a recorded card in this conversation, or what the outbox finds. */
async function earlierPost(deps: DeliverDeps, outbox: Outbox, reply: Reply, answering: Answering, origin?: CardOrigin): Promise<{ ref: MessageRef; recorded?: PostedCard } | undefined> {
  if (reply.kind === 'card' && origin) {
    const recorded = (await deps.store.postedCards(origin.meetingId)).find((card) => sameConversation(card.ref.conversation, answering.conversation));
    if (recorded) return { ref: recorded.ref, recorded };
  }
  const found = await outbox.findEarlier?.(reply);
  return found ? { ref: found } : undefined;
}

/** Sends `reply` once per delivery; a card that the platform identified is recorded. Failures are logged, never thrown. */
export async function deliver(deps: DeliverDeps, outbox: Outbox, given: Reply, origin?: CardOrigin, answering?: Answering): Promise<void> {
  const durable = answering?.delivery !== undefined;
  const reply = answering && deps.clock.now().getTime() - answering.receivedAt.getTime() > LATE_AFTER_MS ? late(given, answering.locale) : given;
  let ref: MessageRef | undefined;
  if (durable && (await answeredBefore(deps.store, answering, deps.clock.now()).catch(() => false))) {
    deps.logger.info({ idempotencyKey: answering.idempotencyKey }, 'another try answered this delivery while this one ran; not answering twice');
    return;
  }
  try {
    // Not finding the earlier post (a Slack app without the history scopes) must not cost the answer: it is sent then.
    const earlier = durable && answering.delivery.retryCount > 0
      ? await earlierPost(deps, outbox, reply, answering, origin).catch((err: unknown) => void deps.logger.warn({ err }, 'could not look for an earlier post; answering anew'))
      : undefined;
    if (earlier) {
      deps.logger.info({ idempotencyKey: answering?.idempotencyKey }, 'an earlier try posted this reply; updating it instead of posting again');
      if (reply.kind === 'card' && origin) {
        const card = earlier.recorded ?? { meetingId: origin.meetingId, ref: earlier.ref, locale: origin.locale, timeZone: origin.timeZone };
        await deps.messenger.update(card, reply.card).catch((err: unknown) => deps.logger.warn({ err }, 'could not refresh the card an earlier try posted'));
      }
      ref = earlier.ref;
    } else {
      ref = await outbox.send(reply);
    }
  } catch (err) {
    deps.logger.error({ err, reply: reply.kind }, 'could not send a reply');
    return;
  }
  const sentAt = deps.clock.now();
  const card: PostedCard | undefined = ref && reply.kind === 'card' && origin ? { meetingId: origin.meetingId, ref, locale: origin.locale, timeZone: origin.timeZone } : undefined;
  try {
    // A durable delivery's card and its "answered" mark are one write, right after the send: the window left open.
    if (durable) await deps.store.recordAnswer(answeredKeyOf(answering), sentAt, card);
    else if (card) await deps.store.addPostedCard(card);
    if (durable) deps.onReplyRecorded?.(deps.clock.now().getTime() - sentAt.getTime());
  } catch (err) {
    deps.logger.error({ err, meetingId: origin?.meetingId }, 'could not record a sent reply; its card will not be updated, and a retry may answer again');
  }
}
