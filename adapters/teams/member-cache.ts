// Member look-ups kept briefly: a channel's people are looked up for every mention of them, and who they are (their
// Entra id and e-mail) does not change from one command to the next.
import type { TurnContext } from 'botbuilder';
import type { MemberInfo, MemberLookup } from './members';

/** Options of the member cache. */
export interface MemberCacheOptions {
  /** How long an answer is reused (default 5 minutes). */
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** The channel or chat a conversation id belongs to: a channel's reply chains (`;messageid=…`) share its members. */
function membersOf(conversationId: string): string {
  const chain = conversationId.indexOf(';messageid=');
  return chain < 0 ? conversationId : conversationId.slice(0, chain);
}

/** `inner`, with each person's answer per channel or chat reused for a while; look-ups at once share one call, failures are not kept. */
export function cachedMemberLookup(inner: MemberLookup, options: MemberCacheOptions = {}): MemberLookup {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const max = options.maxEntries ?? 5000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; value: Promise<MemberInfo> }>();
  return (ctx: TurnContext, userId: string) => {
    const key = `${ctx.activity.serviceUrl}\n${membersOf(ctx.activity.conversation.id)}\n${userId}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttl) return hit.value;
    const value = inner(ctx, userId);
    value.catch(() => cache.get(key)?.value === value && cache.delete(key));
    cache.delete(key);
    cache.set(key, { at: now(), value });
    if (cache.size > max) cache.delete(cache.keys().next().value ?? key);
    return value;
  };
}
