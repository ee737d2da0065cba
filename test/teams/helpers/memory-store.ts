// A MeetingStore in memory, enough for driving the Teams adapter and the core together.
import type { MeetingRecord, MeetingStore, PostedCard } from '../../../src/meetings/ports';

/** An in-memory MeetingStore. */
export function memoryStore(): MeetingStore & { seen: Set<string>; cards: PostedCard[]; meetings: Map<string, MeetingRecord> } {
  const meetings = new Map<string, MeetingRecord>();
  const cards: PostedCard[] = [];
  const seen = new Set<string>();
  return {
    meetings,
    cards,
    seen,
    async saveMeeting(record) {
      const existing = meetings.get(record.meeting.id);
      meetings.set(record.meeting.id, { ...record, version: existing ? (existing.version ?? 0) + 1 : (record.version ?? 0) });
    },
    async updateMeeting(record, expectedVersion) {
      const existing = meetings.get(record.meeting.id);
      if (!existing || (existing.version ?? 0) !== expectedVersion) return false;
      meetings.set(record.meeting.id, { ...record, version: expectedVersion + 1 });
      return true;
    },
    async getMeeting(id) {
      return meetings.get(id);
    },
    async findMeetingByJoinUrl(url) {
      return [...meetings.values()].find((r) => r.meeting.joinUrl === url);
    },
    async listUpcoming(organizerId, now, limit) {
      return [...meetings.values()]
        .filter((r) => r.status === 'active' && r.meeting.organizer.id === organizerId && r.meeting.end > now)
        .sort((a, b) => a.meeting.start.getTime() - b.meeting.start.getTime())
        .slice(0, limit);
    },
    async addPostedCard(card) {
      cards.push(card);
    },
    async postedCards(id) {
      return cards.filter((c) => c.meetingId === id);
    },
    async markEventSeen(key) {
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
    async ping() {},
    async close() {},
  };
}
