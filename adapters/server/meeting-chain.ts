// The meeting service the bot is given: one wrapper, not one per concern. It resolves the service on every call (the
// embedded local service exists only once the server listens) and tells each hook about every newly created meeting.
import type { Meeting, MeetingService } from '../../src/bot-api';

/** Told about a meeting the service has just created (not one it found again); must not throw. */
export type OnCreated = (meeting: Meeting) => void;

/** `target()` as a MeetingService, with `onCreated` run after each new meeting. */
export function meetingChain(target: () => MeetingService, onCreated: readonly OnCreated[] = []): MeetingService {
  return {
    async createOrGet(spec) {
      const result = await target().createOrGet(spec);
      if (result.created) for (const hook of onCreated) hook(result.meeting);
      return result;
    },
    get: (organizerId, meetingId) => target().get(organizerId, meetingId),
    update: (organizerId, meetingId, patch) => target().update(organizerId, meetingId, patch),
    cancel: (organizerId, meetingId) => target().cancel(organizerId, meetingId),
  };
}
