// An in-memory LocalGraphRepo, for tests and quick throwaway runs (nothing survives a restart).
import type { LocalGraphRepo, LocalMeeting, LocalSubscription } from './repo';

/** Creates a LocalGraphRepo that keeps everything in this process. */
export function createMemoryRepo(): LocalGraphRepo {
  const meetings = new Map<string, LocalMeeting>();
  const subs = new Map<string, LocalSubscription>();
  return {
    async createOrGet(meeting) {
      if (meeting.externalId !== null) {
        for (const m of meetings.values()) {
          if (m.organizerId === meeting.organizerId && m.externalId === meeting.externalId) return { meeting: m, created: false };
        }
      }
      meetings.set(meeting.id, meeting);
      return { meeting, created: true };
    },
    async get(id) {
      return meetings.get(id);
    },
    async findByJoinToken(token) {
      for (const m of meetings.values()) if (m.joinToken === token) return m;
      return undefined;
    },
    async update(meeting) {
      meetings.set(meeting.id, meeting);
    },
    async delete(id) {
      return meetings.delete(id);
    },
    async saveSubscription(sub) {
      subs.set(sub.id, sub);
    },
    async deleteSubscription(id) {
      return subs.delete(id);
    },
    async getSubscription(id) {
      return subs.get(id);
    },
    async listSubscriptions() {
      return [...subs.values()];
    },
  };
}
