// Commands the bot offers (a clarification's readings, "Start a meeting now") as Block Kit buttons; a click on one is
// handled in suggestion-clicks.ts.
import type { Suggestion } from '../../src/types';
import { slackReplyText } from './mrkdwn';

/** The buttons' action ids, one per offered command (Slack wants them unique within a block). */
export const SUGGESTION_ACTION_IDS = ['meet_suggestion_0', 'meet_suggestion_1', 'meet_suggestion_2'] as const;
const MAX_VALUE = 2000; // Slack's limit for a button value

/** The reply's words with a button per offered command. */
export function suggestionMessage(text: string, suggestions: readonly Suggestion[]): { text: string; blocks: Record<string, unknown>[] } {
  const words = slackReplyText(text);
  const buttons = suggestions.slice(0, SUGGESTION_ACTION_IDS.length).map((s, i) => ({
    type: 'button',
    action_id: SUGGESTION_ACTION_IDS[i],
    text: { type: 'plain_text', text: s.label, emoji: false },
    value: s.text.slice(0, MAX_VALUE),
    ...(i === 0 ? { style: 'primary' } : {}),
  }));
  return { text: words, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: words } }, { type: 'actions', block_id: 'meet_suggestions', elements: buttons }] };
}
