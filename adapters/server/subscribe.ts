// After a meeting is created, subscribe to its call events so its cards can go live and show who is in.
import type { Clock, Logger, Meeting, MeetingService } from '../../src/bot-api';
import { createSubscriptionRenewer, type SubscriptionOps, type SubscriptionRenewer } from '../graph/renewer';
import type { Store } from '../store/index';
import type { Jobs } from './jobs';

/** Subscribes to one meeting's call events (Graph `communications/onlineMeetings(joinWebUrl=…)/meetingCallEvents`). */
export type SubscribeCallEvents = (meeting: Meeting) => Promise<void>;

/**
 * The meeting service, subscribing to call events for every meeting it newly creates. The subscription runs in
 * the background (tracked by `jobs`) so the card is not held up; a failure costs only the live status and is logged.
 */
export function withCallEventSubscription(meetings: MeetingService, subscribe: SubscribeCallEvents, jobs: Jobs, logger: Logger): MeetingService {
  return {
    async createOrGet(spec) {
      const result = await meetings.createOrGet(spec);
      if (result.created) {
        jobs.track(
          'subscribe-call-events',
          subscribe(result.meeting).catch((error: unknown) => {
            logger.warn({ meetingId: result.meeting.id, err: error }, 'could not subscribe to call events; the card will not show the call status');
          }),
        );
      }
      return result;
    },
    get: (organizerId, meetingId) => meetings.get(organizerId, meetingId),
    update: (organizerId, meetingId, patch) => meetings.update(organizerId, meetingId, patch),
    cancel: (organizerId, meetingId) => meetings.cancel(organizerId, meetingId),
  };
}

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
