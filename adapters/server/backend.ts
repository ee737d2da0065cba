// The meeting service and directory: Microsoft Graph, or the embedded local Graph-compatible service reached over
// real HTTP on this same server (so the local mode runs the very client code production runs).
import type { AttendanceSource, CalendarService, Directory, Logger, MeetingService } from '../../src/bot-api';
import type { Config } from '../config';
import type { DirectoryCache } from '../graph/cache';
import { createGraphBackend, isMicrosoftGraph, loadNotificationCertificate, type GraphBackend, type NotificationCertificate } from '../graph/index';
import type { LocalGraph, LocalGraphRepo } from '../graph/local/index';
import type { SubscriptionOps } from '../graph/renewer';
import { meetingChain } from './meeting-chain';
import { createCallsClient, type CallsClient } from '../graph/calls';
import type { LocalCallingOptions } from '../graph/local/calling-setup';
import { isUnder } from '../http/transport';

/** Where the local Graph is mounted on the server. */
export const LOCAL_GRAPH_PATH = '/local/graph/v1.0';
/** Where the local join pages are mounted. */
export const LOCAL_MEETINGS_PATH = '/local/meetings';
/** Where Graph posts call events. */
export const NOTIFICATIONS_PATH = '/api/graph/notifications';

/** The meeting side of the server. */
export interface MeetingBackend {
  readonly meetings: MeetingService;
  readonly directory: Directory;
  /** Attendance reports of ended calls. */
  readonly attendance: AttendanceSource;
  /** Calendar invitations. */
  readonly calendar: CalendarService;
  /** Graph's subscription calls (create at this server's notification URL, renew, delete), for the renewer. */
  readonly subscriptions: SubscriptionOps;
  /** Decrypts rich notifications, when GRAPH_NOTIFICATION_CERTIFICATE_PATH is set. */
  readonly notificationCertificate?: NotificationCertificate;
  /** The Graph base the client talks to. */
  graphBaseUrl(): string;
  /** The embedded local service, in local mode. */
  readonly local?: LocalGraph;
  /** Called once the server listens: the local origin is known from then on. */
  bind(origin: string): void;
  /** The Calls API on the same Graph (the local service's once the server listens); `tenantId` when Graph's tenant is not known from its credentials. */
  calls(tenantId?: string): CallsClient;
}

/** What the backend is built from. */
export interface BackendOptions {
  readonly config: Config;
  readonly cache: DirectoryCache;
  readonly localRepo: LocalGraphRepo;
  readonly logger: Logger;
  readonly fetch: typeof fetch;
  /** Wraps the local Graph's in-process transport as `fetch` is wrapped (request metrics). */
  readonly instrument?: (inner: typeof fetch) => typeof fetch;
  /** How the local service plays the Calls API (ring timeout). */
  readonly localCalling?: LocalCallingOptions;
}

// A bad directory file or fault spec throws a ConfigError naming its variable.
function localGraphFrom(options: BackendOptions): LocalGraph {
  const { directoryPath, faults } = options.config.local;
  // Required here, not at the top: a server on a remote Graph never loads the local service (about 30 modules).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createLocalGraph, directoryFromSetting } = require('../graph/local/index') as typeof import('../graph/local/index');
  return createLocalGraph({
    repo: options.localRepo,
    logger: options.logger,
    ...(directoryPath ? { directory: directoryFromSetting(directoryPath) } : {}),
    ...(faults ? { faults } : {}),
    ...(options.config.publicUrl ? { publicBaseUrl: options.config.publicUrl } : {}),
    ...(options.localCalling ? { calling: options.localCalling } : {}),
  });
}

/** The tenant Graph's credentials name, when they name one. */
function graphTenantOf(graph: Extract<Config['graph'], { kind: 'remote' }>): string | undefined {
  return graph.auth.kind === 'secret' || graph.auth.kind === 'certificate' ? graph.auth.tenantId : undefined;
}

/** A Calls client made on first use (the local service's client exists only once the server listens). */
function lazyCalls(make: () => CallsClient): CallsClient {
  let made: CallsClient | undefined;
  const get = (): CallsClient => (made ??= make());
  return { join: (m, uri) => get().join(m, uri), invite: (id, people, context) => get().invite(id, people, context), hangUp: (id) => get().hangUp(id), keepAlive: (id) => get().keepAlive(id) };
}

/** Builds the meeting backend for `config.graph`. */
export function createMeetingBackend(options: BackendOptions): MeetingBackend {
  const { config, logger } = options;
  let origin: string | undefined;
  const notificationUrl = (): string => `${config.publicUrl ?? origin ?? ''}${NOTIFICATIONS_PATH}`;
  const certificate = config.graph.kind === 'remote' && config.graph.notificationCertificatePath ? loadNotificationCertificate(config.graph.notificationCertificatePath) : undefined;
  const build = (graph: Extract<Config['graph'], { kind: 'remote' }>, fetchFn: typeof fetch = options.fetch): GraphBackend =>
    createGraphBackend({ config: graph, cache: options.cache, logger, fetch: fetchFn, ...(certificate ? { notificationCertificate: certificate } : {}) });
  const opsOn = (graph: () => GraphBackend): SubscriptionOps => ({
    create: (joinUrl, now) => graph().subscribeCallEvents(joinUrl, notificationUrl(), { now }),
    createMany: (joinUrls, now) => graph().subscribeCallEventsBatch(joinUrls, notificationUrl(), { now }),
    renew: (id, now) => graph().renewSubscription(id, now),
    delete: (id) => graph().deleteSubscription(id),
  });

  if (config.graph.kind === 'remote') {
    const graphConfig = config.graph;
    const remote = build(graphConfig);
    const baseUrl = config.graph.baseUrl;
    if (!certificate && isMicrosoftGraph(baseUrl)) {
      logger.warn({}, 'GRAPH_NOTIFICATION_CERTIFICATE_PATH is not set: without a certificate Microsoft Graph sends meeting call events without their content, so cards will not show live call status (who is in, when the call ended)');
    }
    return {
      meetings: remote.meetings,
      directory: remote.directory,
      attendance: remote.attendance,
      calendar: remote.calendar,
      ...(certificate ? { notificationCertificate: certificate } : {}),
      subscriptions: opsOn(() => remote),
      graphBaseUrl: () => baseUrl,
      bind(o) {
        origin = o;
      },
      calls: (tenantId) => createCallsClient(remote.client, graphTenantOf(graphConfig) ?? tenantId ?? 'common'),
    };
  }

  const local = localGraphFrom(options);
  let client: GraphBackend | undefined;
  const ready = (): GraphBackend => {
    if (!client) throw new Error('the local meeting service is reachable only once the server listens');
    return client;
  };
  return {
    local,
    graphBaseUrl: () => `${origin ?? 'http://127.0.0.1:0'}${LOCAL_GRAPH_PATH}`,
    meetings: meetingChain(() => ready().meetings),
    directory: { lookup: (refs) => ready().directory.lookup(refs) },
    attendance: { reports: (organizerId, meetingId) => ready().attendance.reports(organizerId, meetingId) },
    calendar: {
      invite: (spec) => ready().calendar.invite(spec),
      addEvent: (meeting) => ready().calendar.addEvent(meeting),
      update: (organizerId, eventId, patch) => ready().calendar.update(organizerId, eventId, patch),
      cancel: (organizerId, eventId, comment) => ready().calendar.cancel(organizerId, eventId, comment),
    },
    subscriptions: opsOn(ready),
    calls: () => lazyCalls(() => createCallsClient(ready().client, local.tenantId)),
    bind(o) {
      origin = o;
      if (!config.publicUrl) local.setPublicBaseUrl(o);
      local.trustOrigin(o);
      // The bot's own calls to its local Graph are answered in-process; the local Graph's calls to the bot (validation,
      // notifications, call callbacks) still come over HTTP to the routes Microsoft's Graph would use.
      const root = `${o}${LOCAL_GRAPH_PATH}`;
      const inProcess = (options.instrument ?? ((f: typeof fetch) => f))(local.inProcessFetch(() => root));
      client = build({ kind: 'remote', baseUrl: root, auth: { kind: 'none' } }, (input, init) => (isUnder(root, input) ? inProcess(input, init) : options.fetch(input, init)));
    },
  };
}
