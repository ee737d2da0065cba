// The Slack Web API methods meetbot calls, in one table (the manifest test checks their scopes), and Slack error translation.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

/** Every Web API method the adapter calls, with the bot scopes each needs. */
export const SLACK_METHODS = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.getPermalink': [],
  'users.info': ['users:read', 'users:read.email'],
  'views.open': [],
  'conversations.open': ['im:write'],
  // Only to find the bot's own message after a crash (by its metadata), so a retried job does not post twice.
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
} as const satisfies Record<string, readonly string[]>;

/** A Web API method the adapter may call. */
export type SlackMethod = keyof typeof SLACK_METHODS;

/** Calls one method; resolves to Slack's JSON answer or throws Slack's error. */
export type SlackCall = (method: Exclude<SlackMethod, 'auth.test'>, args: Record<string, unknown>) => Promise<unknown>;

/**
 * The arguments as the Web API client sends them: objects and arrays (blocks, metadata, a view) as JSON text, which is
 * what the client's form encoding turns them into. Handed over already encoded, they are not also copied deep and
 * stringified again for the client's debug lines, which it builds whatever the log level.
 */
function encoded(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) out[key] = typeof value === 'object' && value !== null && !Buffer.isBuffer(value) ? JSON.stringify(value) : value;
  return out;
}

/** A SlackCall on a WebClient (Bolt's, so it shares its token, retries and rate-limit queue). */
export function slackCall(client: WebClient): SlackCall {
  return async (method, args) => client.apiCall(method, encoded(args));
}

const platformError = z.object({ data: z.object({ error: z.string() }) });

/** Slack's error string (`not_in_channel`, `channel_not_found`, …) from a thrown Web API error, if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  const r = platformError.safeParse(error);
  return r.success ? r.data.data.error : undefined;
}

/** Errors meaning the bot cannot post into that conversation itself (a response_url still can). */
export const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action', 'cannot_dm_bot', 'messages_tab_disabled']);

/** Posts a message to a response_url (valid 30 minutes, 5 uses); throws when Slack answers other than 2xx. */
export async function postToResponseUrl(url: string, body: Record<string, unknown>, fetchImpl: typeof fetch = fetch): Promise<void> {
  const res = await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}
