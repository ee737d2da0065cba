// What every command and click passes before any work: its organisation is one this bot serves, and it is the first
// delivery of its platform event (Slack and Teams retry, and several instances may each receive the same one).
import type { BotConfig } from '../bot-api';
import { BotError } from '../errors';
import type { MeetingStore } from '../meetings/ports';
import type { ConversationRef, Delivery } from '../types';

/** True when the allow-list for the conversation's platform is empty or names its organisation. */
export function admits(config: BotConfig, conversation: ConversationRef): boolean {
  const allowed = config.allowedTenants?.[conversation.platform] ?? [];
  return allowed.length === 0 || (conversation.tenantId !== undefined && allowed.includes(conversation.tenantId));
}

/** The refusal for an organisation the allow-list does not name. */
export function notAdmitted(conversation: ConversationRef): BotError {
  return new BotError(conversation.platform === 'teams' ? 'tenant_not_allowed' : 'workspace_not_allowed');
}

/** The key a delivery is remembered under: the platform's event id, per platform and organisation. */
export function deliveryKey(conversation: ConversationRef, idempotencyKey: string): string {
  return `${conversation.platform}:${conversation.tenantId ?? '-'}:${idempotencyKey}`;
}

/**
 * True the first time this platform event is seen, on any instance sharing the store; false for a repeat. A delivery
 * the adapter recorded before its ack was admitted then (under the same key), so each try of its job goes on.
 */
export function firstDelivery(
  store: MeetingStore,
  request: { conversation: ConversationRef; idempotencyKey: string; receivedAt: Date; delivery?: Delivery },
): Promise<boolean> {
  if (request.delivery) return Promise.resolve(true);
  return store.markEventSeen(deliveryKey(request.conversation, request.idempotencyKey), request.receivedAt);
}
