// Call-event subscriptions on Graph: create (POST), renew (PATCH) and delete /subscriptions (graph.md §3.2).
import { randomBytes } from 'node:crypto';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import type { GraphClient } from './client';
import { callEventsResource } from './call-events';
import { sendBatch } from './batch';
import { graphErrorFromBody, translateGraphError } from './errors';
import type { RetryPolicy, Sleep } from './retry';

/** A created or renewed subscription. */
export interface Subscription {
  readonly id: string;
  readonly expirationDateTime: Date;
}

/** A newly created subscription, with the secret Graph echoes as `clientState` in each of its notifications. */
export interface CreatedSubscription extends Subscription {
  readonly clientState: string;
}

/**
 * A fresh clientState secret: 32 random bytes as base64url (43 characters; Graph allows 128). Each subscription gets
 * its own, so no configured credential is involved and rotating one leaves every subscription's notifications valid.
 */
export function newClientState(): string {
  return randomBytes(32).toString('base64url');
}

const subscriptionSchema = z.object({ id: z.string().min(1), expirationDateTime: z.string() });

/** Longest lifetime Graph allows for meeting call events (3 days), less a margin for clock skew. */
export const MAX_SUBSCRIPTION_MS = 3 * 24 * 3_600_000 - 5 * 60_000;

/** Options for a call-events subscription. */
export interface SubscribeOptions {
  readonly now?: Date;
  readonly lifetimeMs?: number;
  /** For Graph's rich notifications (resource data encrypted to this certificate). */
  readonly encryptionCertificate?: { readonly base64: string; readonly id: string };
}

const GRAPH_HOSTS = ['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn'];

/** True when `url` is Microsoft's own Graph (any cloud), not another Graph-compatible service. */
export function isMicrosoftGraph(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return GRAPH_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
}

// Microsoft's Graph serves meeting call events on beta only; other Graph-compatible services keep their version.
function subscriptionsApi(graph: GraphClient, path: string) {
  const request = graph.client.api(path);
  if (isMicrosoftGraph(graph.root) && graph.version === 'v1.0') request.version('beta');
  return request;
}

function parsed(body: unknown): Subscription {
  const created = subscriptionSchema.parse(body);
  return { id: created.id, expirationDateTime: new Date(created.expirationDateTime) };
}

const lifetimeOf = (opts: SubscribeOptions): number => Math.min(opts.lifetimeMs ?? MAX_SUBSCRIPTION_MS, MAX_SUBSCRIPTION_MS);

/** The POST /subscriptions body for one meeting's call events, with its fresh secret. */
function subscriptionBody(joinUrl: string, notificationUrl: string, opts: SubscribeOptions) {
  const now = opts.now ?? new Date();
  const cert = opts.encryptionCertificate;
  return {
    changeType: 'updated',
    notificationUrl,
    resource: callEventsResource(joinUrl),
    expirationDateTime: new Date(now.getTime() + lifetimeOf(opts)).toISOString(),
    clientState: newClientState(),
    ...(cert ? { includeResourceData: true, encryptionCertificate: cert.base64, encryptionCertificateId: cert.id } : {}),
  };
}

/**
 * Subscribes to one meeting's call events (POST /subscriptions; Graph validates the notification URL first) with a
 * fresh clientState secret, returned with the subscription so the caller can store it beside the subscription id.
 */
export async function subscribeCallEvents(graph: GraphClient, joinUrl: string, notificationUrl: string, opts: SubscribeOptions = {}): Promise<CreatedSubscription> {
  const body = subscriptionBody(joinUrl, notificationUrl, opts);
  try {
    return { ...parsed(await subscriptionsApi(graph, '/subscriptions').post(body)), clientState: body.clientState };
  } catch (error) {
    throw translateGraphError(error, { meetingId: joinUrl });
  }
}

/**
 * Subscribes to several meetings' call events in one JSON batch (at most BATCH_LIMIT), each with its own secret.
 * Each meeting's outcome is its own, in order: the subscription, or `{ error }` as subscribing to it alone would throw.
 */
export async function subscribeCallEventsBatch(graph: GraphClient, joinUrls: readonly string[], notificationUrl: string, opts: SubscribeOptions & { readonly retry: RetryPolicy; readonly sleep: Sleep }): Promise<(CreatedSubscription | { readonly error: unknown })[]> {
  const bodies = joinUrls.map((joinUrl) => subscriptionBody(joinUrl, notificationUrl, opts));
  let answers;
  try {
    answers = await sendBatch(() => subscriptionsApi(graph, '/$batch'), bodies.map((body) => ({ method: 'POST', url: '/subscriptions', body })), opts.retry, opts.sleep);
  } catch (error) {
    // A Graph-compatible service that refuses the batch itself (not one of its items) still takes them one by one.
    if (error instanceof GraphError && error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 429) {
      return Promise.all(joinUrls.map((joinUrl) => subscribeCallEvents(graph, joinUrl, notificationUrl, opts).catch((e: unknown) => ({ error: e }))));
    }
    const failure = { error: translateGraphError(error) };
    return joinUrls.map(() => failure);
  }
  return answers.map(({ status, body }, i) => {
    const joinUrl = joinUrls[i] ?? '';
    if (status < 200 || status >= 300) return { error: translateGraphError(graphErrorFromBody(status, body), { meetingId: joinUrl }) };
    try {
      return { ...parsed(body), clientState: bodies[i]?.clientState ?? '' };
    } catch (error) {
      return { error: translateGraphError(error, { meetingId: joinUrl }) };
    }
  });
}

const isGone = (error: unknown): boolean => error instanceof GraphError && error.statusCode === 404;

/**
 * Moves a subscription's expiry (PATCH /subscriptions/{id}); undefined when Graph no longer has it (expired, deleted).
 * Only the expiry changes: the subscription keeps its clientState.
 */
export async function renewSubscription(graph: GraphClient, id: string, opts: Omit<SubscribeOptions, 'encryptionCertificate'> = {}): Promise<Subscription | undefined> {
  const now = opts.now ?? new Date();
  const expirationDateTime = new Date(now.getTime() + lifetimeOf(opts)).toISOString();
  try {
    return parsed(await subscriptionsApi(graph, `/subscriptions/${encodeURIComponent(id)}`).patch({ expirationDateTime }));
  } catch (error) {
    if (isGone(error)) return undefined;
    throw translateGraphError(error);
  }
}

/** Deletes a subscription (DELETE /subscriptions/{id}); one already gone counts as deleted. */
export async function deleteSubscription(graph: GraphClient, id: string): Promise<void> {
  try {
    await subscriptionsApi(graph, `/subscriptions/${encodeURIComponent(id)}`).delete();
  } catch (error) {
    if (!isGone(error)) throw translateGraphError(error);
  }
}
