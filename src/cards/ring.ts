// Who the bot rang into the call and how each answered, as one line on the card.
import { t, type MessageKey } from '../i18n';
import { formatList } from '../i18n/format';
import type { MeetingRecord, RingOutcome } from '../meetings/ports';
import type { Locale } from '../types';

const ORDER: readonly RingOutcome[] = ['ringing', 'answered', 'declined', 'missed', 'present'];
const KEYS: Record<RingOutcome, MessageKey> = {
  ringing: 'card.ring.ringing',
  answered: 'card.ring.answered',
  declined: 'card.ring.declined',
  missed: 'card.ring.missed',
  present: 'card.ring.present',
};

/** "Ringing Carol · Bob answered · Dave declined", or undefined when nobody was rung or the meeting is over for the card. */
export function ringText(record: MeetingRecord, locale: Locale): string | undefined {
  const ring = record.ring;
  if (!ring || record.status === 'cancelled') return undefined;
  if (ring.failed) return t(locale, 'card.ring.failed');
  const parts = ORDER.flatMap((outcome) => {
    const names = ring.invitees.filter((i) => i.outcome === outcome).map((i) => i.user.displayName);
    return names.length ? [t(locale, KEYS[outcome], { people: formatList(names, locale) })] : [];
  });
  return parts.length ? parts.join(' · ') : undefined;
}
