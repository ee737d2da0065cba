// The join card exactly as each platform gets it: the Teams adapter's Adaptive Card and the Slack adapter's Block Kit.
import { toAdaptiveCard } from '../teams/card';
import { toSlackMessage } from '../slack/blocks';
import { slackReplyText } from '../slack/mrkdwn';
import { teamsMessageText } from '../teams/markup';
import type { JoinCard } from '../../src/types';
import type { RenderedCard, RenderedText } from './hub';

/** Both renderings of `card`, from the platform adapters' own renderers. */
export function renderBoth(card: JoinCard): RenderedCard {
  return { meetingId: card.meetingId, teams: toAdaptiveCard(card), slack: toSlackMessage(card), fallbackText: card.fallbackText };
}

/** A text reply exactly as each platform's adapter sends it, so the page shows what Teams and Slack would. */
export function renderText(text: string): RenderedText {
  return { teams: teamsMessageText(text), slack: slackReplyText(text) };
}
