// In-memory meeting service and directory, so the real core can run behind the Teams adapter.
import type { Clock, M365User, MeetingRecord } from '../../../src/meetings/ports';
import { FakeDirectory, FakeMeetingService } from '../../fakes';
import { PEOPLE } from './harness';

/** Microsoft 365 users matching the fixture people. */
export const M365: Record<keyof typeof PEOPLE, M365User> = {
  carol: { id: PEOPLE.carol.aadObjectId, displayName: PEOPLE.carol.name, mail: PEOPLE.carol.email },
  alice: { id: PEOPLE.alice.aadObjectId, displayName: PEOPLE.alice.name, mail: PEOPLE.alice.email },
  bob: { id: PEOPLE.bob.aadObjectId, displayName: PEOPLE.bob.name, userPrincipalName: PEOPLE.bob.userPrincipalName },
  dave: { id: PEOPLE.dave.aadObjectId, displayName: PEOPLE.dave.name, mail: PEOPLE.dave.email },
};

/** A directory that knows the fixture people by Entra id or e-mail. */
export function fakeDirectory(): FakeDirectory {
  const directory = new FakeDirectory();
  for (const user of Object.values(M365)) directory.add(user);
  return directory;
}

/** An onlineMeetings service in memory: createOrGet by externalId, like Graph. */
export function fakeMeetings(clock: Clock = { now: () => new Date() }): FakeMeetingService {
  return new FakeMeetingService(clock);
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
