// Labels renderers print next to the card's values, in the reader's language.
import { t } from '../i18n';
import type { CardLabels, Locale } from '../types';

/** Every card label in `locale`. */
export function cardLabels(locale: Locale): CardLabels {
  return {
    join: t(locale, 'card.join'),
    joinLink: t(locale, 'card.joinLink'),
    copyLink: t(locale, 'card.copyLink'),
    when: t(locale, 'card.when'),
    approximate: t(locale, 'card.approximate'),
    organizer: t(locale, 'card.organizer'),
    attendees: t(locale, 'card.attendees'),
    meetingId: t(locale, 'card.meetingId'),
    passcode: t(locale, 'card.passcode'),
    dialIn: t(locale, 'card.dialIn'),
    status: t(locale, 'card.status'),
    date: t(locale, 'card.date'),
    time: t(locale, 'card.time'),
    duration: t(locale, 'card.duration'),
    save: t(locale, 'card.save'),
  };
}
