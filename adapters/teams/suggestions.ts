// Commands the bot offers (a clarification's readings, "Start a meeting now") as an Adaptive Card with a button each.
// A button sends its command back as the person's own message (imBack), so a click runs exactly what a typed command
// would, through the core, de-duplicated by that message's activity id.
import type { Activity } from 'botbuilder';
import type { Suggestion } from '../../src/types';
import { botbuilder } from './sdk';

const MAX_BUTTONS = 3;

// imBack sends plain text, which carries no mention entities: a mention goes back as the person's e-mail address.
function typed(s: Suggestion): string {
  let text = s.text;
  for (const m of s.mentions) {
    const as = m.user.email ?? m.user.displayName;
    if (as) text = text.split(m.token).join(m.user.email ? as : `@${as.replace(/\s+/g, '')}`);
  }
  return text;
}

/** A message with the reply's words and a button per offered command. */
export function suggestionActivity(text: string, suggestions: readonly Suggestion[]): Partial<Activity> {
  const card = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', text, wrap: true }],
    actions: suggestions.slice(0, MAX_BUTTONS).map((s, i) => ({
      type: 'Action.Submit',
      title: s.label,
      ...(i === 0 ? { style: 'positive' } : {}),
      data: { msteams: { type: 'imBack', value: typed(s) } },
    })),
  };
  return { type: 'message', summary: text.slice(0, 100), attachments: [botbuilder().CardFactory.adaptiveCard(card)] };
}
