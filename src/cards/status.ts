// Where a meeting stands, as a card says it: scheduled, live with who is in, ended with its length, cancelled.
import { t } from '../i18n';
import { formatDuration, formatList } from '../i18n/format';
import type { MeetingRecord } from '../meetings/ports';
import type { CardStatus, Locale, Platform } from '../types';
import { toPerson } from './persons';

/** The card status of `record`; cancellation wins over whatever the call did. */
export function cardStatus(record: MeetingRecord, platform: Platform): CardStatus {
  if (record.status === 'cancelled') return { state: 'cancelled' };
  const call = record.call;
  switch (call.state) {
    case 'idle':
      return { state: 'scheduled' };
    case 'live':
      return { state: 'live', since: call.since, participants: call.participants.map((user) => toPerson(user, record, platform)) };
    case 'ended':
      return {
        state: 'ended',
        startedAt: call.startedAt,
        endedAt: call.endedAt,
        durationMinutes: Math.round((call.endedAt.getTime() - call.startedAt.getTime()) / 60_000),
        ...(call.attendance ? { attendance: call.attendance } : {}),
      };
  }
}

/** `status` as a sentence: "Live now: Alice and Bob", "Ended, lasted 12 min". */
export function statusText(status: CardStatus, locale: Locale): string {
  switch (status.state) {
    case 'scheduled':
      return t(locale, 'card.status.scheduled');
    case 'live':
      return status.participants.length === 0
        ? t(locale, 'card.status.liveEmpty')
        : t(locale, 'card.status.live', { people: formatList(status.participants.map((p) => p.displayName), locale) });
    case 'ended':
      return status.attendance
        ? t(locale, 'card.status.endedAttended', { duration: formatDuration(status.durationMinutes, locale), ...status.attendance })
        : t(locale, 'card.status.ended', { duration: formatDuration(status.durationMinutes, locale) });
    case 'cancelled':
      return t(locale, 'card.status.cancelled');
  }
}
