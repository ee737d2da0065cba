// The card as plain text, for notifications and clients that cannot show cards.
import type { JoinCard } from '../types';
import { groupedMeetingCode } from './text';

/** Everything needed to join, one fact a line. A cancelled meeting's link is dead, so it is left out. */
export function fallbackText(card: Omit<JoinCard, 'fallbackText'>): string {
  const { labels } = card;
  const lines = [...(card.note ? [card.note] : []), card.title, `${labels.when}: ${card.timeText}`, `${labels.status}: ${card.statusText}`];
  if (card.ringText && card.status.state !== 'cancelled') lines.push(card.ringText);
  lines.push(`${labels.organizer}: ${card.organizer.displayName}`);
  if (card.attendees.length > 0) lines.push(`${labels.attendees}: ${card.attendees.map((p) => p.displayName).join(', ')}`);
  if (card.status.state === 'cancelled') return lines.join('\n');
  lines.push(`${labels.joinLink}: ${card.joinUrl}`);
  if (card.meetingCode) lines.push(`${labels.meetingId}: ${groupedMeetingCode(card.meetingCode)}`);
  if (card.passcode) lines.push(`${labels.passcode}: ${card.passcode}`);
  const dialIn = card.dialIn;
  if (dialIn) {
    const numbers = [...dialIn.tollNumbers, ...dialIn.tollFreeNumbers];
    const parts = [numbers.join(', '), dialIn.conferenceId ? `ID ${dialIn.conferenceId}` : '', dialIn.dialInUrl ?? ''];
    const text = parts.filter((part) => part.length > 0).join(' · ');
    if (text) lines.push(`${labels.dialIn}: ${text}`);
  }
  return lines.join('\n');
}
