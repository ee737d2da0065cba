// JoinCard -> Adaptive Card 1.5, exactly what Teams gets. Times use the card functions so every reader sees their own zone.
import { wallClock } from '../../src/bot-api';
import type { CardAction, CardStatus, JoinCard, Person } from '../../src/types';
import { cardInstant, escapeText, link, mentionName } from './markup';
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

function whenText(card: JoinCard): string {
  const start = cardInstant(card.start);
  const end = cardInstant(card.end);
  const sameDay = card.end.getTime() - card.start.getTime() < 24 * 3600 * 1000;
  return sameDay
    ? `{{DATE(${start}, SHORT)}} {{TIME(${start})}} – {{TIME(${end})}}`
    : `{{DATE(${start}, SHORT)}} {{TIME(${start})}} – {{DATE(${end}, SHORT)}} {{TIME(${end})}}`;
}

function statusColor(status: CardStatus): string {
  switch (status.state) {
    case 'live':
      return 'Good';
    case 'cancelled':
      return 'Attention';
    case 'ended':
    case 'scheduled':
      return 'Default';
  }
}

function facts(card: JoinCard): Json[] {
  const list: Array<{ title: string; value: string }> = [];
  if (card.meetingCode) list.push({ title: card.labels.meetingId, value: escapeText(card.meetingCode) });
  if (card.passcode) list.push({ title: card.labels.passcode, value: escapeText(card.passcode) });
  const dial = card.dialIn;
  if (dial) {
    const numbers = [...dial.tollNumbers, ...dial.tollFreeNumbers].map(escapeText).join(', ');
    const parts = [numbers, dial.conferenceId ? `ID ${escapeText(dial.conferenceId)}` : ''].filter(Boolean);
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

/** The Adaptive Card 1.5 JSON for `card`. User text is escaped; attendees are real Teams mentions. */
export function toAdaptiveCard(card: JoinCard): Record<string, unknown> {
  const mentions = mentionRenderer();
  const cancelled = card.status.state === 'cancelled';
  const label = (text: string): string => `**${escapeText(text)}:**`;
  const body: Json[] = [
    textBlock(escapeText(card.title), { size: 'Large', weight: 'Bolder', style: 'heading' }),
    textBlock(whenText(card), { isSubtle: true, spacing: 'None' }),
    textBlock(`${label(card.labels.status)} ${escapeText(card.statusText)}`, { color: statusColor(card.status) }),
    textBlock(`${label(card.labels.organizer)} ${mentions.render(card.organizer)}`),
  ];
  if (card.attendees.length) body.push(textBlock(`${label(card.labels.attendees)} ${card.attendees.map(mentions.render).join(', ')}`));
  body.push(...facts(card));
  if (!cancelled) body.push(textBlock(`${label(card.labels.joinLink)} ${link(card.joinUrl, card.joinUrl)}`, { size: 'Small' }));
  if (!cancelled && card.dialIn?.dialInUrl) body.push(textBlock(link(card.labels.dialIn, card.dialIn.dialInUrl), { size: 'Small' }));

  const actions: Json[] = cancelled ? [] : [{ type: 'Action.OpenUrl', title: card.labels.join, url: card.joinUrl }];
  actions.push(...card.actions.map((a) => cardAction(card, a)));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText: card.fallbackText,
    speak: `${card.title}. ${card.timeText}`,
    body,
    actions,
    msteams: { width: 'Full', ...(mentions.entities.length ? { entities: mentions.entities } : {}) },
  };
}
