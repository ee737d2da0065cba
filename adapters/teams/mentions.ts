// Mention handling for Teams text: removes every mention of the bot and joins names Teams split into several tokens.
import type { RawMention } from './activity';

/** A mention of someone other than the bot, with the literal token as it now stands in the text. */
export interface TextMention {
  readonly token: string;
  readonly id: string;
  readonly name: string;
  readonly kind?: string;
}

/** The command text without the bot's mentions, and the other mentions in order of appearance (one per person). */
export interface StrippedText {
  readonly text: string;
  readonly mentions: readonly TextMention[];
}

const TOKEN = /<at>[\s\S]*?<\/at>/g;

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function inner(token: string): string {
  return token.slice(4, -5).trim();
}

/**
 * Removes all of the bot's mention tokens (Teams may split one name into `<at>Meet</at> <at>Bot</at>`, and the
 * SDK's own helper removes only the first), and merges adjacent tokens that point at the same person into one.
 */
export function stripMentions(rawText: string, entities: readonly RawMention[], botId: string): StrippedText {
  const text = decodeEntities(rawText);
  // Tokens map to entities in order: the n-th occurrence of a token text is the n-th entity with that text.
  const queues = new Map<string, RawMention[]>();
  for (const e of entities) queues.set(e.text, [...(queues.get(e.text) ?? []), e]);
  const pieces: Array<{ kind: 'text'; text: string } | { kind: 'mention'; entity: RawMention; names: string[] }> = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    pieces.push({ kind: 'text', text: text.slice(last, start) });
    last = start + match[0].length;
    const entity = queues.get(match[0])?.shift();
    if (!entity) {
      pieces.push({ kind: 'text', text: match[0] });
      continue;
    }
    const prev = pieces[pieces.length - 2];
    const gap = pieces[pieces.length - 1];
    if (prev?.kind === 'mention' && prev.entity.id === entity.id && gap?.kind === 'text' && !gap.text.trim()) {
      pieces.pop();
      prev.names.push(inner(match[0]));
      continue;
    }
    pieces.push({ kind: 'mention', entity, names: [inner(match[0])] });
  }
  pieces.push({ kind: 'text', text: text.slice(last) });

  const mentions: TextMention[] = [];
  const tokens = new Map<string, string>();
  const out = pieces
    .map((p) => {
      if (p.kind === 'text') return p.text;
      if (p.entity.id === botId) return ' ';
      // A person mentioned twice keeps one token, so the core sees one attendee.
      const known = tokens.get(p.entity.id);
      if (known) return known;
      const token = `<at>${p.names.join(' ')}</at>`;
      tokens.set(p.entity.id, token);
      mentions.push({ token, id: p.entity.id, name: p.names.length > 1 ? p.names.join(' ') : (p.entity.name ?? p.names.join(' ')), ...(p.entity.kind ? { kind: p.entity.kind } : {}) });
      return token;
    })
    .join('');
  return { text: out.replace(/\s+/g, ' ').trim(), mentions };
}

/** True for mentions that cannot be a meeting attendee: tags, channels and teams. */
export function isGroupMention(m: TextMention): boolean {
  return m.kind === 'tag' || m.kind === 'channel' || m.kind === 'team' || m.id.startsWith('19:');
}
