// The Graph backend: one SDK client, the meeting service and directory on it, and call-event subscriptions.
import type { AttendanceSource, CalendarService, Clock, Directory, Logger, MeetingService } from '../../src/bot-api';
import { createGraphAttendance } from './attendance';
import { createGraphCalendar } from './events';
import type { GraphConfig } from '../config';
import type { DirectoryCache } from './cache';
import { appIdOf, authProviderFor, credentialFor } from './auth';
import { createGraphClient, type GraphClient } from './client';
import { createGraphDirectory } from './directory';
import { createGraphMeetingService } from './meetings';
import type { FetchFn } from './middleware';
import type { NotificationCertificate } from './encryption';
import { deleteSubscription, renewSubscription, subscribeCallEvents, subscribeCallEventsBatch, type CreatedSubscription, type SubscribeOptions, type Subscription } from './subscriptions';
import { DEFAULT_RETRY, realSleep, type RetryPolicy, type Sleep } from './retry';

export { createNotificationsHandler } from './notifications';
export { createMemoryDirectoryCache } from './memory-cache';
export { translateGraphError } from './errors';
export { loadNotificationCertificate, type NotificationCertificate } from './encryption';
export { isMicrosoftGraph, type CreatedSubscription, type Subscription } from './subscriptions';
export type { GraphClient } from './client';

/** What the backend needs. */
export interface GraphBackendOptions {
  /** A remote Graph (real, or the local service over HTTP with auth `none`). */
  readonly config: Extract<GraphConfig, { kind: 'remote' }>;
  readonly cache: DirectoryCache;
  readonly logger: Logger;
  readonly fetch?: FetchFn;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: Sleep;
  readonly clock?: Clock;
  /** Directory cache lifetimes. */
  readonly userTtlMs?: number;
  readonly missTtlMs?: number;
  /** Makes subscriptions rich: Graph encrypts each call event to this certificate (give it to the handler too). */
  readonly notificationCertificate?: NotificationCertificate;
}

/** The Graph backend, as server.ts and the CLI wire it. */
export interface GraphBackend {
  readonly meetings: MeetingService;
  readonly directory: Directory;
  /** Attendance reports, for the summary after each call. */
  readonly attendance: AttendanceSource;
  /** Calendar events with a Teams meeting (invitations). */
  readonly calendar: CalendarService;
  /** Subscribes to one meeting's call events with a fresh clientState secret of its own (returned; store it). */
  subscribeCallEvents(joinUrl: string, notificationUrl: string, opts?: SubscribeOptions): Promise<CreatedSubscription>;
  /** The same for several meetings (at most 20) in one JSON batch: each meeting's subscription, or `{ error }`, in order. */
  subscribeCallEventsBatch(joinUrls: readonly string[], notificationUrl: string, opts?: SubscribeOptions): Promise<(CreatedSubscription | { readonly error: unknown })[]>;
  /** Extends a subscription to the longest lifetime from `now` (its secret unchanged); undefined when Graph no longer has it. */
  renewSubscription(id: string, now?: Date): Promise<Subscription | undefined>;
  /** Deletes a subscription (already gone is fine). */
  deleteSubscription(id: string): Promise<void>;
  readonly client: GraphClient;
}

/** Builds the Graph backend on @microsoft/microsoft-graph-client and @azure/identity. */
export function createGraphBackend(opts: GraphBackendOptions): GraphBackend {
  const { config } = opts;
  const client = createGraphClient({
    baseUrl: config.baseUrl,
    logger: opts.logger,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.retry ? { retry: opts.retry } : {}),
    ...(opts.sleep ? { sleep: opts.sleep } : {}),
    ...withAuth(config.auth),
  });
  const appId = appIdOf(config.auth);
  const withCertificate = (subOpts: SubscribeOptions | undefined): SubscribeOptions => {
    const cert = opts.notificationCertificate;
    return cert ? { encryptionCertificate: { base64: cert.base64, id: cert.id }, ...subOpts } : subOpts ?? {};
  };
  return {
    client,
    meetings: createGraphMeetingService(client, appId ? { appId } : {}),
    attendance: createGraphAttendance(client),
    calendar: createGraphCalendar(client),
    directory: createGraphDirectory(client, {
      cache: opts.cache,
      ...(opts.clock ? { clock: opts.clock } : {}),
      ...(opts.retry ? { retry: opts.retry } : {}),
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
      ...(opts.userTtlMs !== undefined ? { ttlMs: opts.userTtlMs } : {}),
      ...(opts.missTtlMs !== undefined ? { missTtlMs: opts.missTtlMs } : {}),
    }),
    subscribeCallEvents: (joinUrl, notificationUrl, subOpts) => subscribeCallEvents(client, joinUrl, notificationUrl, withCertificate(subOpts)),
    subscribeCallEventsBatch: (joinUrls, notificationUrl, subOpts) =>
      subscribeCallEventsBatch(client, joinUrls, notificationUrl, { ...withCertificate(subOpts), retry: { ...DEFAULT_RETRY, ...opts.retry }, sleep: opts.sleep ?? realSleep }),
    renewSubscription: (id, now) => renewSubscription(client, id, now ? { now } : {}),
    deleteSubscription: (id) => deleteSubscription(client, id),
  };
}

function withAuth(auth: GraphBackendOptions['config']['auth']) {
  const provider = authProviderFor(credentialFor(auth));
  return provider ? { authProvider: provider } : {};
}
