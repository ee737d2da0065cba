// Slack's text rules: the three control characters, length limits, and mentions built only from validated ids.

/** Escapes the three characters Slack treats as markup, so user text can never become a mention, link or `<!channel>`. */
export function escapeText(value: string): string {
  if (!/[&<>]/.test(value)) return value;
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Reverses Slack's escaping of `&`, `<`, `>` in text it sends us. */
export function unescapeText(value: string): string {
  return value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Cuts `value` to at most `max` characters (code points), ending with an ellipsis when cut. */
export function truncate(value: string, max: number): string {
  // No more UTF-16 units than `max` means no more code points either.
  if (value.length <= max) return value;
  const chars = Array.from(value);
  if (chars.length <= max) return value;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Escapes first, then truncates without splitting an entity such as `&amp;`. */
export function escapeAndTruncate(value: string, max: number): string {
  const escaped = escapeText(value);
  const cut = truncate(escaped, max);
  // An entity cut in half would render as stray text; drop the partial entity before the ellipsis.
  return cut === escaped ? escaped : cut.replace(/&[a-z]{0,3}…$/, '…');
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** True for a Slack user id (`U…`, or `W…` on Enterprise Grid). */
function isSlackUserId(id: string): boolean {
  return USER_ID.test(id);
}

/** A mention token for a validated user id, or undefined when `id` is not one. */
export function userMention(id: string): string | undefined {
  return isSlackUserId(id) ? `<@${id}>` : undefined;
}

/** A link that renders `label` and opens `url`; undefined when `url` is not a plain http(s) URL. */
export function link(url: string, label: string): string | undefined {
  if (!isHttpUrl(url)) return undefined;
  return `<${escapeText(url).replace(/\|/g, '%7C')}|${escapeText(label)}>`;
}

/** True for an absolute http(s) URL without whitespace. */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s<>]+$/i.test(url);
}

/** Slack's longest text reply this bot sends; longer ones are cut (Slack's own limit is 4,000). */
const REPLY_TEXT_MAX = 3900;

/** A text reply as Slack gets it: the one escaping path for every text, refusal and error reply. */
export function slackReplyText(text: string): string {
  return escapeAndTruncate(text, REPLY_TEXT_MAX);
}
