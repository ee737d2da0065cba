// After a meeting is created, subscribe to its call events so its cards can go live and show who is in.
import type { Clock, Logger } from '../../src/bot-api';
import { createSubscriptionRenewer, type SubscriptionOps, type SubscriptionRenewer, type SubscriptionTarget } from '../graph/renewer';
import type { Store } from '../store/index';

/** Subscribes to one meeting's call events (Graph `communications/onlineMeetings(joinWebUrl=…)/meetingCallEvents`). */
export type SubscribeCallEvents = (meeting: SubscriptionTarget) => Promise<void>;

/** The renewer on the store: subscriptions persist, and a rescheduled or cancelled meeting is seen through its record. */
export function renewerFor(store: Store, graph: SubscriptionOps, clock: Clock, logger: Logger): SubscriptionRenewer {
  return createSubscriptionRenewer({
    store: store.callSubscriptions,
    graph,
    meetingOf: async (joinUrl) => {
      const record = await store.findMeetingByJoinUrl(joinUrl);
      return record && { end: record.meeting.end, active: record.status === 'active' };
    },
    clock,
    logger,
  });
}
