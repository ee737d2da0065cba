// Text safety for Teams: user-provided words must not turn into markdown, mentions or card functions. Adaptive Card
// text is markdown, not HTML: `&`, `<` and `>` are sent as they are (an entity would show literally).

const ZERO_WIDTH_SPACE = '\u200b';

/** What a replacement in escapeText acts on: a mark anywhere, or a list mark or number at the start of the text (any other line start follows a line break, which the class catches). */
const NEEDS_ESCAPING = /[\\`*_[\]()~|<{\r\n\u2028\u2029]|^\s*(?:[-+#>]|\d+\.)/;

/** Escapes `text` for an Adaptive Card TextBlock: markdown marks, `<at>` tokens and `{{…}}` functions are neutralised. */
export function escapeText(text: string): string {
  // Most card text (labels, names, ids) holds none of what the replacements below look for.
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text
    .replace(/[\\`*_[\]()~|]/g, (c) => `\\${c}`)
    .replace(/<(\/?at\b)/gi, `<${ZERO_WIDTH_SPACE}$1`)
    .replace(/\{\{/g, `{${ZERO_WIDTH_SPACE}{`)
    // A line that would start a list, heading or quote: escape its mark (`\-`, `1\.`), as markdown reads escapes.
    .replace(/^(\s*)([-+#>])/gm, (_m, space: string, mark: string) => `${space}\\${mark}`)
    .replace(/^(\s*\d+)\./gm, (_m, number: string) => `${number}\\.`)
    .replace(/\r?\n/g, ' ');
}

/**
 * A text message for Teams. Message text (unlike card text) is HTML underneath, so `&`, `<`, `>` become entities and
 * user words like `<draft>` survive; the core's own markdown (`code`, *bold*) is kept.
 */
export function teamsMessageText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '\n\n');
}

/** A display name safe inside `<at>…</at>`: Teams matches the token literally against the mention entity. */
export function mentionName(name: string): string {
  const cleaned = name.replace(/[<>&\\`*_[\]{}]/g, '').replace(/\s+/g, ' ').trim();
  return cleaned || '?';
}

/** A markdown link whose URL cannot break out of the parentheses. */
export function link(label: string, url: string): string {
  return `[${escapeText(label)}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20')})`;
}
