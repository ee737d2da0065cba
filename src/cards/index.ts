// MeetingRecord -> JoinCard: neutral view data in the reader's language and zone; adapters render it.
import { t } from '../i18n';
import { formatRange } from '../i18n/format';
import type { MeetingRecord } from '../meetings/ports';
import type { JoinCard, Locale, Platform } from '../types';
import { cardActions, ringAction } from './actions';
import { fallbackText } from './fallback';
import { cardLabels } from './labels';
import { toPerson } from './persons';
import { ringText } from './ring';
import { cardStatus, statusText } from './status';

export { listText, helpText, meetingTitle, meetingShortId } from './text';

/** Who a card is rendered for: their language, time zone and chat platform. */
export interface CardReader {
  readonly locale: Locale;
  readonly timeZone: string;
  readonly platform: Platform;
}

/** `card` with `note` shown above it (and first in its text fallback). */
export function withNote(card: JoinCard, note: string): JoinCard {
  const { fallbackText: _previous, ...view } = card;
  const noted = { ...view, note };
  return { ...noted, fallbackText: fallbackText(noted) };
}

/** The join card of `record` as `reader` sees it. */
export function buildJoinCard(record: MeetingRecord, reader: CardReader): JoinCard {
  const { meeting } = record;
  const { locale, timeZone, platform } = reader;
  const status = cardStatus(record, platform);
  const ring = ringText(record, locale);
  const card: Omit<JoinCard, 'fallbackText'> = {
    meetingId: meeting.id,
    title: meeting.subject ?? t(locale, record.instant ? 'card.title.instant' : 'card.title.scheduled'),
    subject: meeting.subject,
    start: meeting.start,
    end: meeting.end,
    instant: record.instant,
    timeZone,
    locale,
    timeText: record.approximate ? `${formatRange(meeting.start, meeting.end, locale, timeZone)} ${t(locale, 'card.approximate')}` : formatRange(meeting.start, meeting.end, locale, timeZone),
    ...(record.approximate ? { approximate: true } : {}),
    organizer: toPerson(meeting.organizer, record, platform),
    attendees: meeting.attendees.map((user) => toPerson(user, record, platform)),
    joinUrl: meeting.joinUrl,
    ...(meeting.meetingCode ? { meetingCode: meeting.meetingCode } : {}),
    ...(meeting.passcode ? { passcode: meeting.passcode } : {}),
    ...(meeting.dialIn ? { dialIn: meeting.dialIn } : {}),
    ...(record.calendarUrl && status.state !== 'cancelled' ? { calendar: { url: record.calendarUrl, label: t(locale, 'card.addToCalendar') } } : {}),
    status,
    statusText: statusText(status, locale),
    ...(ring ? { ringText: ring } : {}),
    actions: [...cardActions(status, locale, Boolean(record.offerCalendar && !record.calendarEvent)), ...ringAction(record, status, locale)],
    labels: cardLabels(locale),
  };
  return { ...card, fallbackText: fallbackText(card) };
}
