// A JoinCard as the core builds it, for renderer tests.
import type { JoinCard } from '../../src/types';

/** A scheduled card; `over` replaces any field. */
export function sampleCard(over: Partial<JoinCard> = {}): JoinCard {
  return {
    meetingId: 'MSo1N2Y5ZGFjYy03MWJmLTQ3NDMtYjQxMy01M2EdFGkdRWHJlQ',
    title: 'Meeting',
    subject: 'Design review',
    start: new Date('2030-05-02T13:00:00Z'),
    end: new Date('2030-05-02T13:30:00Z'),
    instant: false,
    timeZone: 'Europe/Berlin',
    locale: 'en',
    timeText: 'Thu, May 2, 3:00 – 3:30 PM CEST',
    organizer: { displayName: 'Alice Smith', email: 'alice@contoso.com', user: { platform: 'slack', id: 'UALICE' } },
    attendees: [
      { displayName: 'Bob Jones', user: { platform: 'slack', id: 'UBOB' } },
      { displayName: 'Dave <@U0FAKE> Brown', email: 'dave@contoso.com' },
    ],
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_X%40thread.v2/0?context=%7b%22Tid%22%3a%22t%22%7d',
    meetingCode: '310 000 000 001',
    passcode: 'Pa1ss',
    dialIn: { conferenceId: '5550001', tollNumbers: ['+1 555 0100'], tollFreeNumbers: [], dialInUrl: 'https://dialin.teams.microsoft.com/x?id=1' },
    status: { state: 'scheduled' },
    statusText: 'Scheduled',
    actions: [
      { id: 'add_me', label: 'Add me' },
      { id: 'reschedule', label: 'Reschedule' },
      { id: 'cancel', label: 'Cancel meeting', confirm: { title: 'Cancel this meeting?', text: 'Everyone loses the join link.', yes: 'Cancel meeting', no: 'Keep it' } },
    ],
    labels: { join: 'Join meeting', joinLink: 'Join link', copyLink: 'Copy link', when: 'When', approximate: '(roughly: you said "-ish")', organizer: 'Organizer', attendees: 'Attendees', meetingId: 'Meeting ID', passcode: 'Passcode', dialIn: 'Dial-in', status: 'Status', date: 'Date', time: 'Time', duration: 'Duration (minutes)', save: 'Save' },
    fallbackText: 'Design review\nWhen: Thu, May 2, 3:00 – 3:30 PM CEST',
    ...over,
  };
}
