// Ready-made meeting records for tests of cards and renderers.
import type { CallState, Meeting, MeetingRecord } from '../../src/meetings/ports';
import { alice, bob, carol, chat } from './people';

/** A scheduled meeting by Alice with Bob and Carol, 15:00–15:30 UTC on 2025-03-05, known on every platform. */
export function sampleMeeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: 'meeting-42',
    externalId: 'event-42',
    subject: 'Design review',
    start: new Date('2025-03-05T15:00:00Z'),
    end: new Date('2025-03-05T15:30:00Z'),
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_42%40thread.v2/0',
    meetingCode: '310000000042',
    passcode: 'Pa42ss',
    dialIn: { conferenceId: '5550042', tollNumbers: ['+1 555 0100'], tollFreeNumbers: ['+1 800 555 0100'] },
    organizer: alice,
    attendees: [bob, carol],
    createdAt: new Date('2025-03-05T12:00:00Z'),
    ...overrides,
  };
}

/** A record of `sampleMeeting`, idle and active unless overridden. */
export function sampleRecord(overrides: Partial<Omit<MeetingRecord, 'meeting'>> & { meeting?: Partial<Meeting>; call?: CallState } = {}): MeetingRecord {
  const { meeting, ...rest } = overrides;
  return {
    meeting: sampleMeeting(meeting),
    people: {
      [alice.id]: [chat.alice.slack, chat.alice.teams],
      [bob.id]: [chat.bob.slack],
    },
    instant: false,
    status: 'active',
    call: { state: 'idle' },
    createdBy: chat.alice.slack,
    conversation: { platform: 'slack', id: 'C1' },
    updatedAt: new Date('2025-03-05T12:00:00Z'),
    ...rest,
  };
}
