// In-memory meeting service and directory, so the real core can run behind the Teams adapter.
import type { Directory, M365User, Meeting, MeetingPatch, MeetingRecord, MeetingService, MeetingSpec } from '../../../src/meetings/ports';
import { BotError } from '../../../src/errors';
import { PEOPLE } from './harness';

/** Microsoft 365 users matching the fixture people. */
export const M365: Record<keyof typeof PEOPLE, M365User> = {
  carol: { id: PEOPLE.carol.aadObjectId, displayName: PEOPLE.carol.name, mail: PEOPLE.carol.email },
  alice: { id: PEOPLE.alice.aadObjectId, displayName: PEOPLE.alice.name, mail: PEOPLE.alice.email },
  bob: { id: PEOPLE.bob.aadObjectId, displayName: PEOPLE.bob.name, userPrincipalName: PEOPLE.bob.userPrincipalName },
  dave: { id: PEOPLE.dave.aadObjectId, displayName: PEOPLE.dave.name, mail: PEOPLE.dave.email },
};

/** A directory that knows the fixture people by Entra id or e-mail. */
export function fakeDirectory(): Directory {
  const users = Object.values(M365);
  return {
    async lookup(refs) {
      return refs.map((r) => users.find((u) => u.id === r.aadObjectId || (r.email && (u.mail === r.email || u.userPrincipalName === r.email))) ?? null);
    },
  };
}

/** An onlineMeetings service in memory: createOrGet by externalId, like Graph. */
export function fakeMeetings(): MeetingService & { all: Map<string, Meeting> } {
  const all = new Map<string, Meeting>();
  let n = 0;
  const find = (id: string): Meeting => {
    const m = all.get(id);
    if (!m) throw new BotError('meeting_not_found', { id });
    return m;
  };
  return {
    all,
    async createOrGet(spec: MeetingSpec) {
      const existing = [...all.values()].find((m) => m.externalId === spec.externalId);
      if (existing) return { meeting: existing, created: false };
      n += 1;
      const id = `MSo${n}ZmFrZS1tZWV0aW5n`;
      const meeting: Meeting = {
        id,
        externalId: spec.externalId,
        subject: spec.subject,
        start: spec.start,
        end: spec.end,
        joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${n}%40thread.v2/0?context=%7b%22Tid%22%3a%22tenant-1%22%7d`,
        meetingCode: `36${n}4567890`,
        passcode: `Pq${n}xYz`,
        organizer: spec.organizer,
        attendees: spec.attendees,
        createdAt: new Date(),
      };
      all.set(id, meeting);
      return { meeting, created: true };
    },
    async get(_organizer, id) {
      return find(id);
    },
    async update(_organizer, id, patch: MeetingPatch) {
      const next = { ...find(id), ...patch } as Meeting;
      all.set(id, next);
      return next;
    },
    async cancel(_organizer, id) {
      find(id);
      all.delete(id);
    },
  };
}

/** A meeting record as the core stores it, for tests that build cards directly. */
export function sampleRecord(overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  const start = new Date('2026-03-02T09:00:00Z');
  return {
    meeting: {
      id: 'MSoxZmFrZS1tZWV0aW5n',
      subject: 'Standup *now* <at>Evil</at>',
      start,
      end: new Date(start.getTime() + 30 * 60000),
      joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_1%40thread.v2/0',
      meetingCode: '364567890',
      passcode: 'Pq1xYz',
      dialIn: { conferenceId: '123456#', tollNumbers: ['+1 555 0100'], tollFreeNumbers: [], dialInUrl: 'https://dialin.teams.microsoft.com/x' },
      organizer: M365.carol,
      attendees: [M365.alice, M365.bob],
      createdAt: start,
    },
    people: {
      [M365.carol.id]: [{ platform: 'teams', id: PEOPLE.carol.id, displayName: PEOPLE.carol.name }],
      [M365.alice.id]: [{ platform: 'teams', id: PEOPLE.alice.id, displayName: PEOPLE.alice.name }],
    },
    instant: true,
    status: 'active',
    call: { state: 'idle' },
    createdBy: { platform: 'teams', id: PEOPLE.carol.id, aadObjectId: M365.carol.id },
    conversation: { platform: 'teams', id: '19:general@thread.tacv2' },
    updatedAt: start,
    ...overrides,
  };
}
