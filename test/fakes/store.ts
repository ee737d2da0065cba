// An in-memory MeetingStore with the same ordering, filtering and versioning rules as the real one.
import type { MeetingRecord, MeetingStore, PostedCard } from '../../src/meetings/ports';

/** A MeetingStore kept in memory. */
export class FakeMeetingStore implements MeetingStore {
  readonly records = new Map<string, MeetingRecord>();
  readonly cards: PostedCard[] = [];
  readonly seen = new Set<string>();
  /** How many times a meeting was saved (either way). */
  saves = 0;
  /** How many compare-and-sets lost to another writer. */
  conflicts = 0;

  async saveMeeting(record: MeetingRecord): Promise<void> {
    this.saves += 1;
    const existing = this.records.get(record.meeting.id);
    const version = existing ? (existing.version ?? 0) + 1 : (record.version ?? 0);
    this.records.set(record.meeting.id, { ...record, version });
  }

  async updateMeeting(record: MeetingRecord, expectedVersion: number): Promise<boolean> {
    const existing = this.records.get(record.meeting.id);
    if (!existing || (existing.version ?? 0) !== expectedVersion) {
      this.conflicts += 1;
      return false;
    }
    this.saves += 1;
    this.records.set(record.meeting.id, { ...record, version: expectedVersion + 1 });
    return true;
  }

  async getMeeting(meetingId: string): Promise<MeetingRecord | undefined> {
    return this.records.get(meetingId);
  }

  async findMeetingByJoinUrl(joinUrl: string): Promise<MeetingRecord | undefined> {
    return [...this.records.values()].find((record) => record.meeting.joinUrl === joinUrl);
  }

  async listUpcoming(organizerId: string, now: Date, limit: number): Promise<MeetingRecord[]> {
    return [...this.records.values()]
      .filter((r) => r.status === 'active' && r.meeting.organizer.id === organizerId && r.meeting.end.getTime() > now.getTime())
      .sort((a, b) => a.meeting.start.getTime() - b.meeting.start.getTime())
      .slice(0, limit);
  }

  async addPostedCard(card: PostedCard): Promise<void> {
    const same = (c: PostedCard): boolean =>
      c.meetingId === card.meetingId && c.ref.messageId === card.ref.messageId && c.ref.conversation.id === card.ref.conversation.id;
    if (!this.cards.some(same)) this.cards.push(card);
  }

  async postedCards(meetingId: string): Promise<PostedCard[]> {
    return this.cards.filter((card) => card.meetingId === meetingId);
  }

  async markEventSeen(key: string): Promise<boolean> {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
