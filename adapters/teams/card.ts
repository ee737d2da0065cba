// JoinCard -> Adaptive Card 1.5, exactly what Teams gets. Times are the core's text in the card reader's zone and
// language, with the zone named: Teams' own DATE()/TIME() follow the device's zone, which is not the reader's the
// bot answered for (and the playground's renderer would use the browser's), so one text is true everywhere.
import { groupedMeetingCode, shortLink, wallClock } from '../../src/bot-api';
import type { CardAction, CardStatus, JoinCard, Person } from '../../src/types';
import { escapeText, link, mentionName } from './markup';
import { VERB_PREFIX } from './activity';

type Json = Record<string, unknown>;

/** The Adaptive Card schema version Teams supports for bots (and the minimum for Action.Execute). */
const CARD_VERSION = '1.5';

interface MentionEntity {
  readonly type: 'mention';
  readonly text: string;
  readonly mentioned: { readonly id: string; readonly name: string };
}

/** Renders people as real Teams mentions where the card knows their Teams or Entra id; plain names otherwise. */
function mentionRenderer(): { render(p: Person): string; entities: MentionEntity[] } {
  const entities: MentionEntity[] = [];
  return {
    entities,
    render(p: Person): string {
      const id = p.user?.platform === 'teams' ? p.user.id : p.aadObjectId;
      if (!id) return escapeText(p.displayName);
      const text = `<at>${mentionName(p.displayName)}</at>`;
      entities.push({ type: 'mention', text, mentioned: { id, name: p.displayName } });
      return text;
    },
  };
}

function textBlock(text: string, extra: Json = {}): Json {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** The status line's container style and text colour: green live, red cancelled, grey ended, accent scheduled. */
function statusLook(status: CardStatus): { style: string; color: string } {
  switch (status.state) {
    case 'live':
      return { style: 'good', color: 'Good' };
    case 'cancelled':
      return { style: 'attention', color: 'Attention' };
    case 'ended':
      return { style: 'emphasis', color: 'Default' };
    case 'scheduled':
      return { style: 'accent', color: 'Accent' };
  }
}

function statusLine(card: JoinCard): Json {
  const look = statusLook(card.status);
  const mark = card.status.state === 'live' ? '● ' : '';
  return {
    type: 'Container',
    style: look.style,
    bleed: true,
    items: [textBlock(`${mark}${escapeText(card.statusText)}`, { weight: 'Bolder', color: look.color, id: 'status' })],
  };
}

function facts(card: JoinCard): Json[] {
  const list: Array<{ title: string; value: string }> = [];
  if (card.meetingCode) list.push({ title: card.labels.meetingId, value: escapeText(groupedMeetingCode(card.meetingCode)) });
  if (card.passcode) list.push({ title: card.labels.passcode, value: escapeText(card.passcode) });
  const dial = card.dialIn;
  if (dial) {
    const numbers = [...dial.tollNumbers, ...dial.tollFreeNumbers].map(escapeText).join(', ');
    const parts = [numbers, dial.conferenceId ? `ID ${escapeText(dial.conferenceId)}` : ''].filter(Boolean);
    if (dial.dialInUrl) parts.push(link(card.labels.dialIn, dial.dialInUrl));
    if (parts.length) list.push({ title: card.labels.dialIn, value: parts.join(' · ') });
  }
  return list.length ? [{ type: 'FactSet', facts: list }] : [];
}

/** One card button: Action.Execute (universal action) with an Action.Submit fallback for older clients. */
function execute(action: CardAction['id'], title: string, meetingId: string): Json {
  const verb = `${VERB_PREFIX}${action}`;
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: { meetingId },
    fallback: { type: 'Action.Submit', title, data: { verb, meetingId } },
  };
}

function rescheduleForm(card: JoinCard, action: CardAction): Json {
  const start = wallClock(card.start, card.timeZone);
  const minutes = Math.max(1, Math.round((card.end.getTime() - card.start.getTime()) / 60000));
  return {
    type: 'Action.ShowCard',
    title: action.label,
    card: {
      type: 'AdaptiveCard',
      body: [
        { type: 'Input.Date', id: 'date', label: card.labels.date, value: start.date, isRequired: true },
        { type: 'Input.Time', id: 'time', label: card.labels.time, value: start.time, isRequired: true },
        { type: 'Input.Number', id: 'durationMinutes', label: card.labels.duration, value: minutes, min: 1, max: 1440 },
      ],
      actions: [execute('reschedule', card.labels.save, card.meetingId)],
    },
  };
}

function cardAction(card: JoinCard, action: CardAction): Json {
  if (action.id === 'reschedule') return rescheduleForm(card, action);
  if (!action.confirm) return execute(action.id, action.label, card.meetingId);
  return {
    type: 'Action.ShowCard',
    title: action.label,
    card: {
      type: 'AdaptiveCard',
      body: [textBlock(escapeText(action.confirm.title), { weight: 'Bolder' }), textBlock(escapeText(action.confirm.text))],
      actions: [execute(action.id, action.confirm.yes, card.meetingId)],
    },
  };
}

/** The full link, shown on request so it can be selected and copied (Adaptive Cards have no clipboard action). */
function copyLinkAction(card: JoinCard): Json {
  return {
    type: 'Action.ShowCard',
    title: card.labels.copyLink,
    mode: 'secondary',
    card: { type: 'AdaptiveCard', body: [textBlock(escapeText(card.joinUrl), { fontType: 'Monospace', size: 'Small' })] },
  };
}

/**
 * The buttons: Join is the one primary action; the rest sit in the overflow menu ("…"), so no label is cut at any
 * card width Teams uses (a phone's included) and in any language.
 */
function actions(card: JoinCard): Json[] {
  if (card.status.state === 'cancelled') return [];
  const list: Json[] = [{ type: 'Action.OpenUrl', title: card.labels.join, url: card.joinUrl }];
  if (card.calendar) list.push({ type: 'Action.OpenUrl', title: card.calendar.label, url: card.calendar.url, mode: 'secondary' });
  for (const action of card.actions) {
    const rendered = cardAction(card, action);
    list.push({ ...rendered, mode: 'secondary' });
  }
  list.push(copyLinkAction(card));
  return list;
}

/** The Adaptive Card 1.5 JSON for `card`. User text is escaped; attendees are real Teams mentions. */
export function toAdaptiveCard(card: JoinCard): Record<string, unknown> {
  const mentions = mentionRenderer();
  const cancelled = card.status.state === 'cancelled';
  const label = (text: string): string => `**${escapeText(text)}:**`;
  const body: Json[] = [
    ...(card.note ? [textBlock(escapeText(card.note), { isSubtle: true, size: 'Small', id: 'note' })] : []),
    statusLine(card),
    textBlock(escapeText(card.title), { size: 'Large', weight: 'Bolder', style: 'heading' }),
    textBlock(escapeText(card.timeText), { isSubtle: true, spacing: 'None', id: 'when' }),
    textBlock(`${label(card.labels.organizer)} ${mentions.render(card.organizer)}`),
  ];
  if (card.ringText) body.splice(1, 0, textBlock(`📞 ${escapeText(card.ringText)}`, { spacing: 'Small', id: 'ring' }));
  if (card.attendees.length) body.push(textBlock(`${label(card.labels.attendees)} ${card.attendees.map(mentions.render).join(', ')}`));
  if (!cancelled) {
    body.push(...facts(card));
    body.push(textBlock(`${label(card.labels.joinLink)} ${link(shortLink(card.joinUrl), card.joinUrl)}`, { size: 'Small' }));
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText: card.fallbackText,
    speak: `${card.title}. ${card.timeText}`,
    body,
    actions: actions(card),
    msteams: { width: 'Full', ...(mentions.entities.length ? { entities: mentions.entities } : {}) },
  };
}
