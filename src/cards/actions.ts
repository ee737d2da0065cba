// Which buttons a card offers. A card is shared by everyone in the conversation, so it offers what the
// meeting allows; who may do it is checked when the button is pressed.
import { t } from '../i18n';
import type { MeetingRecord } from '../meetings/ports';
import { stillRinging } from '../lifecycle/ring';
import type { CardAction, CardStatus, Locale } from '../types';

function cancelAction(locale: Locale): CardAction {
  return {
    id: 'cancel',
    label: t(locale, 'card.action.cancel'),
    confirm: {
      title: t(locale, 'card.confirmCancel.title'),
      text: t(locale, 'card.confirmCancel.text'),
      yes: t(locale, 'card.confirmCancel.yes'),
      no: t(locale, 'card.confirmCancel.no'),
    },
  };
}

/**
 * The buttons for a meeting in `status`: scheduled → add me, reschedule, cancel; live → add me
 * (moving or deleting a meeting people are in would throw them out); ended → add me and reschedule
 * (the same link can be used again; cancelling what already happened means nothing); cancelled → none.
 */
export function cardActions(status: CardStatus, locale: Locale, offerCalendar = false): CardAction[] {
  const addMe: CardAction = { id: 'add_me', label: t(locale, 'card.action.add_me') };
  const reschedule: CardAction = { id: 'reschedule', label: t(locale, 'card.action.reschedule') };
  // MEETBOT_CALENDAR=ask: a scheduled meeting not yet on calendars offers to put it there.
  const calendars: CardAction[] = offerCalendar ? [{ id: 'add_to_calendars', label: t(locale, 'card.action.add_to_calendars') }] : [];
  switch (status.state) {
    case 'scheduled':
      return [addMe, ...calendars, reschedule, cancelAction(locale)];
    case 'live':
      return [addMe];
    case 'ended':
      return [addMe, reschedule];
    case 'cancelled':
      return [];
  }
}

/**
 * "Ring them", where the installation rings (`offerRing`, from MEETBOT_RING when the meeting was made): on a live
 * or instant meeting not yet ended or cancelled, and not while the bot is ringing already. Who may press it (organizer and attendees) is checked when it is pressed.
 */
export function ringAction(record: MeetingRecord, status: CardStatus, locale: Locale): CardAction[] {
  if (!record.offerRing) return [];
  const open = status.state === 'live' || (status.state === 'scheduled' && record.instant);
  if (!open || (record.ring && stillRinging(record.ring))) return [];
  return [{ id: 'ring', label: t(locale, 'card.action.ring') }];
}
