// An in-memory MeetingStore held to the store contract (test/store/contract.ts) that SQLite and PostgreSQL pass.
import { fromJson, toJson } from '../../adapters/store/json';
import type { MeetingRecord, MeetingStore, PostedCard } from '../../src/meetings/ports';

const WEEK_MS = 7 * 24 * 3600_000;
const HOUR_MS = 3600_000;

/** What the real store hands back: a fresh copy, as read from its JSON column (Dates revived, undefined keys gone). */
function copy<T>(value: T): T {
  return fromJson<T>(toJson(value));
}

/** Which card a PostedCard is, as the real store keys it: the same message posted twice is one card. */
function sameCard(a: PostedCard, b: PostedCard): boolean {
  const [x, y] = [a.ref.conversation, b.ref.conversation];
  return a.meetingId === b.meetingId && x.platform === y.platform && x.id === y.id && a.ref.messageId === b.ref.messageId;
}

/** A MeetingStore kept in memory. */
export class FakeMeetingStore implements MeetingStore {
  readonly records = new Map<string, MeetingRecord>();
  readonly cards: PostedCard[] = [];
  /** Event keys with when they were first seen; pruned after a week like the real store's. */
  readonly seen = new Map<string, Date>();
  /** How many times a meeting was saved (either way). */
  saves = 0;
  /** How many compare-and-sets lost to another writer. */
  conflicts = 0;
  private lastPrune = 0;

  async saveMeeting(record: MeetingRecord): Promise<void> {
    this.saves += 1;
    const existing = this.records.get(record.meeting.id);
    const version = existing ? (existing.version ?? 0) + 1 : (record.version ?? 0);
    this.records.set(record.meeting.id, { ...copy(record), version });
  }

  async updateMeeting(record: MeetingRecord, expectedVersion: number): Promise<boolean> {
    const existing = this.records.get(record.meeting.id);
    if (!existing || (existing.version ?? 0) !== expectedVersion) {
      this.conflicts += 1;
      return false;
    }
    this.saves += 1;
    this.records.set(record.meeting.id, { ...copy(record), version: expectedVersion + 1 });
    return true;
  }

  async getMeeting(meetingId: string): Promise<MeetingRecord | undefined> {
    return this.read(this.records.get(meetingId));
  }

  async findMeetingByJoinUrl(joinUrl: string): Promise<MeetingRecord | undefined> {
    // Of records sharing a join URL, the most recently updated, as the real store orders them.
    let found: MeetingRecord | undefined;
    for (const record of this.records.values()) {
      if (record.meeting.joinUrl !== joinUrl) continue;
      if (!found || record.updatedAt.getTime() > found.updatedAt.getTime()) found = record;
    }
    return this.read(found);
  }

  async listUpcoming(organizerId: string, now: Date, limit: number): Promise<MeetingRecord[]> {
    return [...this.records.values()]
      .filter((r) => r.status === 'active' && r.meeting.organizer.id === organizerId && r.meeting.end.getTime() > now.getTime())
      .sort((a, b) => a.meeting.start.getTime() - b.meeting.start.getTime() || (a.meeting.id < b.meeting.id ? -1 : a.meeting.id > b.meeting.id ? 1 : 0))
      .slice(0, limit)
      .map((r) => this.read(r) as MeetingRecord);
  }

  async listEndedBetween(from: Date, to: Date, limit: number): Promise<MeetingRecord[]> {
    return [...this.records.values()]
      .filter((r) => r.status === 'active' && r.meeting.end.getTime() > from.getTime() && r.meeting.end.getTime() <= to.getTime())
      .sort((a, b) => a.meeting.end.getTime() - b.meeting.end.getTime() || (a.meeting.id < b.meeting.id ? -1 : a.meeting.id > b.meeting.id ? 1 : 0))
      .slice(0, limit)
      .map((r) => this.read(r) as MeetingRecord);
  }

  async addPostedCard(card: PostedCard): Promise<void> {
    // Posted again: the latest posting replaces the kept one in its place.
    const at = this.cards.findIndex((c) => sameCard(c, card));
    if (at >= 0) this.cards[at] = copy(card);
    else this.cards.push(copy(card));
  }

  async postedCards(meetingId: string): Promise<PostedCard[]> {
    return this.cards.filter((card) => card.meetingId === meetingId).map(copy);
  }

  async markEventSeen(key: string, at: Date): Promise<boolean> {
    const first = !this.seen.has(key);
    if (first) this.seen.set(key, at);
    if (at.getTime() - this.lastPrune > HOUR_MS) {
      this.lastPrune = at.getTime();
      for (const [k, when] of this.seen) if (when.getTime() < at.getTime() - WEEK_MS) this.seen.delete(k);
    }
    return first;
  }

  async recordAnswer(key: string, at: Date, card?: PostedCard): Promise<void> {
    if (card) await this.addPostedCard(card);
    await this.markEventSeen(key, at);
  }

  async hasSeenEvent(key: string): Promise<boolean> {
    return this.seen.has(key);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  /** A stored record as a read returns it: a copy, at its version (0 for one seeded without). */
  private read(record: MeetingRecord | undefined): MeetingRecord | undefined {
    return record ? { ...copy(record), version: record.version ?? 0 } : undefined;
  }
}
