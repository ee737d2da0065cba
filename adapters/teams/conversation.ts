// ConversationRef <-> Bot Framework conversation reference: what the adapter stores to reach a conversation later.
import { z } from 'zod';
import type { ConversationReference } from 'botbuilder';
import type { ConversationRef } from '../../src/types';
import type { ActivityBase } from './activity';

const THREAD = /;messageid=(\d+)$/;

/** Routing data kept in `ConversationRef.data` (JSON, stored with posted cards). */
const routingSchema = z.object({
  serviceUrl: z.string().min(1),
  conversationId: z.string().min(1),
  conversationType: z.string().optional(),
  tenantId: z.string().optional(),
  botId: z.string().optional(),
  botName: z.string().optional(),
});

/** What the adapter needs to reach a conversation again. */
export type TeamsRouting = z.infer<typeof routingSchema>;

/**
 * The conversation id replies go to. In a channel that is the reply chain (`…;messageid=<root>`); a top-level
 * post that lacks it starts its own chain, so replies stay in the thread instead of opening new posts.
 */
export function replyConversationId(a: ActivityBase): string {
  if (a.conversationType !== 'channel' || THREAD.test(a.conversationId)) return a.conversationId;
  return `${a.conversationId};messageid=${a.replyToId ?? a.id}`;
}

/** The core's view of where an activity came from. */
export function toConversationRef(a: ActivityBase): ConversationRef {
  const full = replyConversationId(a);
  const thread = THREAD.exec(full)?.[1];
  const routing: TeamsRouting = {
    serviceUrl: a.serviceUrl,
    conversationId: full,
    conversationType: a.conversationType,
    ...(a.tenantId ? { tenantId: a.tenantId } : {}),
    botId: a.bot.id,
    ...(a.bot.name ? { botName: a.bot.name } : {}),
  };
  return {
    platform: 'teams',
    id: full.replace(THREAD, ''),
    ...(thread ? { threadId: thread } : {}),
    ...(a.tenantId ? { tenantId: a.tenantId } : {}),
    data: routing,
  };
}

/** Reads the routing data back; undefined when the ref was not made by this adapter. */
export function readRouting(ref: ConversationRef): TeamsRouting | undefined {
  if (ref.platform !== 'teams') return undefined;
  const parsed = routingSchema.safeParse(ref.data);
  return parsed.success ? parsed.data : undefined;
}

/** A Bot Framework conversation reference for proactive calls (continueConversationAsync). */
export function toConversationReference(routing: TeamsRouting): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: routing.serviceUrl,
    conversation: {
      id: routing.conversationId,
      isGroup: routing.conversationType !== 'personal',
      conversationType: routing.conversationType ?? 'personal',
      name: '',
      ...(routing.tenantId ? { tenantId: routing.tenantId } : {}),
    },
    ...(routing.botId ? { bot: { id: routing.botId, name: routing.botName ?? '' } } : {}),
  };
}
