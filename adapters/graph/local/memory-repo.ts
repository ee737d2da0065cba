// An in-memory LocalGraphRepo, for tests and quick throwaway runs (nothing survives a restart).
import { createMemoryCalls } from './memory-calls';
import type { LocalGraphRepo, LocalMeeting, LocalSubscription } from './repo';

const byId = (a: LocalSubscription, b: LocalSubscription): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Creates a LocalGraphRepo that keeps everything in this process. */
export function createMemoryRepo(): LocalGraphRepo {
  const meetings = new Map<string, LocalMeeting>();
  const subs = new Map<string, LocalSubscription>();
  // joinToken -> subscription ids: a call event reads its meeting's subscriptions only, as the store's index does.
  const byToken = new Map<string, Set<string>>();
  const live = (now: Date) => (s: LocalSubscription): boolean => s.expirationDateTime.getTime() > now.getTime();

  function unindex(sub: LocalSubscription): void {
    const ids = byToken.get(sub.joinToken);
    ids?.delete(sub.id);
    if (ids?.size === 0) byToken.delete(sub.joinToken);
  }

  return {
    ...createMemoryCalls(),
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
    async findByJoinMeetingId(joinMeetingId) {
      for (const m of meetings.values()) if (m.joinMeetingId === joinMeetingId) return m;
      return undefined;
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
      const old = subs.get(sub.id);
      if (old) unindex(old);
      subs.set(sub.id, sub);
      byToken.set(sub.joinToken, (byToken.get(sub.joinToken) ?? new Set()).add(sub.id));
    },
    async deleteSubscription(id) {
      const old = subs.get(id);
      if (!old) return false;
      unindex(old);
      return subs.delete(id);
    },
    async getSubscription(id) {
      return subs.get(id);
    },
    async listSubscriptions(now) {
      const all = [...subs.values()];
      return (now ? all.filter(live(now)) : all).sort(byId);
    },
    async subscriptionsFor(joinToken, now) {
      const ids = [...(byToken.get(joinToken) ?? [])];
      return ids.map((id) => subs.get(id)).filter((s): s is LocalSubscription => s !== undefined).filter(live(now)).sort(byId);
    },
    async pruneSubscriptions(now, limit) {
      const expired = [...subs.values()]
        .filter((s) => !live(now)(s))
        .sort((a, b) => a.expirationDateTime.getTime() - b.expirationDateTime.getTime())
        .slice(0, limit);
      for (const sub of expired) {
        unindex(sub);
        subs.delete(sub.id);
      }
      return expired.length;
    },
  };
}
