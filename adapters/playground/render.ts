// The join card exactly as each platform gets it: the Teams adapter's Adaptive Card and the Slack adapter's Block Kit.
import { toAdaptiveCard } from '../teams/card';
import { toSlackMessage } from '../slack/blocks';
import type { JoinCard } from '../../src/types';
import type { RenderedCard } from './hub';

/** Both renderings of `card`, from the platform adapters' own renderers. */
export function renderBoth(card: JoinCard): RenderedCard {
  return { meetingId: card.meetingId, teams: toAdaptiveCard(card), slack: toSlackMessage(card), fallbackText: card.fallbackText };
}
