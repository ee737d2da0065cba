// JoinCard -> Block Kit: exactly what Slack gets. Every user-supplied string is escaped; mentions come only from ids.
import { formatMoment, groupedMeetingCode, shortLink } from '../../src/bot-api';
import type { CardAction, JoinCard, Person } from '../../src/types';
import { escapeAndTruncate, escapeText, isHttpUrl, link, truncate, userMention } from './mrkdwn';

/** Slack's Block Kit limits that this renderer respects. */
export const LIMITS = { header: 150, sectionText: 3000, field: 2000, buttonText: 75, buttonUrl: 3000, fallback: 4000, blocks: 50, confirmTitle: 100, confirmText: 300, confirmButton: 30 } as const;

/** The action ids the card's buttons carry; their `value` is the meeting id. */
export const ACTION_IDS = { cancel: 'meetbot_cancel', reschedule: 'meetbot_reschedule', add_me: 'meetbot_add_me', add_to_calendars: 'meetbot_add_to_calendars', ring: 'meetbot_ring', join: 'meetbot_join' } as const;

type Block = Record<string, unknown>;

const plain = (text: string, max: number): Block => ({ type: 'plain_text', text: escapeAndTruncate(text, max), emoji: true });
const mrkdwn = (text: string): Block => ({ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText), verbatim: true });

/** A person as mrkdwn: a real mention when the card knows their Slack id, else their escaped name. */
function personText(person: Person): string {
  const id = person.user?.platform === 'slack' ? person.user.id : undefined;
  return (id && userMention(id)) || escapeText(person.displayName);
}

function unix(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function sameDay(a: Date, b: Date, timeZone: string): boolean {
  try {
    return formatMoment(a, 'en-CA', timeZone, 'day') === formatMoment(b, 'en-CA', timeZone, 'day');
  } catch {
    return false;
  }
}

function localTime(date: Date, card: JoinCard, withDate: boolean): string {
  try {
    // Plain spaces, as the core's own date text has them.
    return formatMoment(date, card.locale, card.timeZone, withDate ? 'dayTime' : 'time');
  } catch {
    return date.toISOString();
  }
}

/** Start–end as Slack date tokens, so every reader sees their own zone; fallbacks are in the card's zone and language. */
export function whenText(card: JoinCard): string {
  const start = `<!date^${unix(card.start)}^{date_short_pretty} {time}|${escapeText(localTime(card.start, card, true))}>`;
  const oneDay = sameDay(card.start, card.end, card.timeZone);
  const endFormat = oneDay ? '{time}' : '{date_short_pretty} {time}';
  return `${start} – <!date^${unix(card.end)}^${endFormat}|${escapeText(localTime(card.end, card, !oneDay))}>`;
}

function actionButton(card: JoinCard, action: CardAction): Block {
  const button: Block = {
    type: 'button',
    action_id: ACTION_IDS[action.id],
    text: plain(action.label, LIMITS.buttonText),
    value: card.meetingId,
  };
  if (action.id === 'cancel') button.style = 'danger';
  if (action.confirm) {
    button.confirm = {
      title: plain(action.confirm.title, LIMITS.confirmTitle),
      text: plain(action.confirm.text, LIMITS.confirmText),
      confirm: plain(action.confirm.yes, LIMITS.confirmButton),
      deny: plain(action.confirm.no, LIMITS.confirmButton),
      style: 'danger',
    };
  }
  return button;
}

/** Organizer, then how to join; a cancelled meeting's passcode and dial-in are dead, so only the organizer stays. */
function detailFields(card: JoinCard): Block[] {
  const fields: string[] = [`*${escapeText(card.labels.organizer)}*\n${personText(card.organizer)}`];
  if (card.status.state === 'cancelled') return fields.map((f) => mrkdwn(truncate(f, LIMITS.field)));
  if (card.meetingCode) fields.push(`*${escapeText(card.labels.meetingId)}*\n${escapeText(groupedMeetingCode(card.meetingCode))}`);
  if (card.passcode) fields.push(`*${escapeText(card.labels.passcode)}*\n${escapeText(card.passcode)}`);
  const dialIn = card.dialIn;
  if (dialIn) {
    const lines = [...dialIn.tollNumbers, ...dialIn.tollFreeNumbers].map(escapeText);
    if (dialIn.conferenceId) lines.push(`ID ${escapeText(dialIn.conferenceId)}`);
    const more = dialIn.dialInUrl ? link(dialIn.dialInUrl, shortLink(dialIn.dialInUrl)) : undefined;
    if (more) lines.push(more);
    if (lines.length) fields.push(`*${escapeText(card.labels.dialIn)}*\n${lines.join('\n')}`);
  }
  return fields.map((f) => mrkdwn(truncate(f, LIMITS.field)));
}

/** Renders the join card as a Block Kit message; `text` is the notification and screen-reader fallback. */
export function toSlackMessage(card: JoinCard): { text: string; blocks: Record<string, unknown>[] } {
  const blocks: Block[] = [];
  if (card.note) blocks.push({ type: 'context', elements: [mrkdwn(escapeText(card.note))] });
  blocks.push({ type: 'header', text: plain(card.subject ?? card.title, LIMITS.header) });
  blocks.push(statusSection(card));
  if (card.ringText) blocks.push({ type: 'context', block_id: 'meetbot_ring', elements: [mrkdwn(`:telephone_receiver: ${escapeText(card.ringText)}`)] });
  const attendees = attendeesText(card.attendees, 2000);
  blocks.push({
    type: 'section',
    text: mrkdwn(`*${escapeText(card.labels.when)}*\n${whenText(card)}${card.approximate ? ` ${escapeText(card.labels.approximate)}` : ''}\n*${escapeText(card.labels.attendees)}*\n${attendees}`),
    fields: detailFields(card),
  });

  const buttons: Block[] = [];
  const cancelled = card.status.state === 'cancelled';
  if (!cancelled && isHttpUrl(card.joinUrl) && card.joinUrl.length <= LIMITS.buttonUrl) {
    buttons.push({ type: 'button', action_id: ACTION_IDS.join, text: plain(card.labels.join, LIMITS.buttonText), url: card.joinUrl, style: 'primary' });
  }
  for (const action of card.actions) buttons.push(actionButton(card, action));
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'meetbot_actions', elements: buttons });

  const joinLink = cancelled ? undefined : link(card.joinUrl, shortLink(card.joinUrl));
  if (joinLink) blocks.push(mrkdwnSection(`*${escapeText(card.labels.joinLink)}*\n${joinLink}`));
  // A link, not a button: Slack would send a button's click to the app, and the download needs no answer from it.
  const calendarLink = card.calendar ? link(card.calendar.url, card.calendar.label) : undefined;
  if (calendarLink) blocks.push({ type: 'context', elements: [mrkdwn(`:calendar: ${calendarLink}`)] });

  return { text: escapeAndTruncate(card.fallbackText, LIMITS.fallback), blocks: blocks.slice(0, LIMITS.blocks) };
}

/** The attendee list, cut at a whole person (never mid-mention) with a "+N" tail when it would not fit in `max`. */
function attendeesText(people: readonly Person[], max: number): string {
  if (!people.length) return '—';
  const parts: string[] = [];
  let length = 0;
  for (const [i, person] of people.entries()) {
    const text = personText(person);
    const tail = ` +${people.length - i}`;
    if (length + text.length + 2 + tail.length > max) return `${parts.join(', ')}${tail}`;
    parts.push(text);
    length += text.length + 2;
  }
  return parts.join(', ');
}

// Slack's own emoji names, which every Slack client draws the same way.
const STATUS_MARK: Record<JoinCard['status']['state'], string> = { live: ':large_green_circle:', scheduled: ':spiral_calendar_pad:', ended: ':black_square_for_stop:', cancelled: ':no_entry_sign:' };

/** The status as its own section under the title, marked so a live call stands out in a busy channel. */
function statusSection(card: JoinCard): Block {
  const text = `${STATUS_MARK[card.status.state]} *${escapeText(card.labels.status)}:* ${escapeText(card.statusText)}`;
  return { type: 'section', block_id: 'meetbot_status', text: mrkdwn(text) };
}

function mrkdwnSection(text: string): Block {
  return { type: 'section', text: mrkdwn(text) };
}
