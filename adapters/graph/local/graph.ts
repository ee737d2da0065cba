// Assembles one local Graph: context, dispatcher, routers, call hub and notifier.
import express, { type Router } from 'express';
import { attendanceRoute } from './attendance';
import { createCalendarRouter } from './calendar-page';
import { EventBook } from './event-book';
import { eventsRoute } from './events';
import { batchRoute } from './batch';
import { CallHub } from './calls';
import { createLocalCalling, type LocalCallingOptions } from './calling-setup';
import type { LocalContext } from './context';
import { DEFAULT_DIRECTORY, DirectoryIndex, LOCAL_TENANT_ID, loadDirectoryFile, type LocalUser } from './directory';
import { createDispatcher, type Dispatch } from './dispatch';
import { parseFaults, type FaultConfig } from './faults';
import { seededRandom, type Random } from './ids';
import { createJoinRouter } from './join-page';
import { createMemoryRepo } from './memory-repo';
import { deliver, type NotifierLog } from './notifier';
import type { LocalGraphRepo } from './repo';
import { createGraphRouter } from './router';
import { subscriptionsRoute } from './subscriptions';
import { ConfigError } from '../../config';
import { pooledFetch } from '../../http/transport';
import { inProcessGraphFetch } from './in-process';
import type { FetchFn } from '../middleware';

/** Options of the local service; everything is optional. */
export interface LocalGraphOptions {
  /** Where people and clients reach this server (join URLs are built on it). Default `http://127.0.0.1:3978`. */
  readonly publicBaseUrl?: string;
  /** Persistence; default in memory. Pass `store.localGraph` so meetings outlive a restart. */
  readonly repo?: LocalGraphRepo;
  /** The people of the local tenant; default DEFAULT_DIRECTORY. */
  readonly directory?: readonly LocalUser[];
  /** A JSON file replacing the directory (wins over `directory`). */
  readonly directoryFile?: string;
  /** Injected faults, as an object or as MEETBOT_LOCAL_FAULTS text. */
  readonly faults?: FaultConfig | string;
  /** Seed for fault draws, so a test sees the same faults every run. */
  readonly seed?: number;
  /** Ids or UPNs whose onlineMeetings calls get 403 "No application access policy found for this app". */
  readonly usersWithoutPolicy?: Iterable<string>;
  readonly tenantId?: string;
  readonly now?: () => Date;
  /** Used for subscription validation and notification delivery; default global fetch. */
  readonly fetch?: typeof fetch;
  readonly logger?: NotifierLog & { error(obj: object, msg?: string): void };
  /**
   * Which notificationUrls subscriptions may use. Default: the public base URL's origin and origins given to
   * trustOrigin, so the service never POSTs anywhere a caller names (blind SSRF).
   */
  readonly allowsNotificationUrl?: (url: URL) => boolean;
  /** The Calls API: how long a ring rings unanswered (default 60 s), the app that joins, a token for its callbacks. */
  readonly calling?: LocalCallingOptions;
}

/**
 * Programmatic joins and leaves (tests, the playground). Their call events reach subscribers only as Graph does it:
 * change notifications POSTed to each subscription's notificationUrl.
 */
export interface LocalCalls {
  /** `user` (id, UPN or nickname) joins meeting `meeting` (id or join token). Resolves after subscribers were notified. */
  join(meeting: string, user: string): Promise<{ started: boolean }>;
  leave(meeting: string, user: string): Promise<{ ended: boolean } | undefined>;
  /** Who is in the call now, as every instance on the same repo sees it. */
  roster(meetingId: string): Promise<{ since: Date; users: LocalUser[] } | undefined>;
}

/** One local Graph instance. */
export interface LocalGraph {
  /** Serves the Graph slice; mount at `/local/graph/v1.0`. */
  readonly router: Router;
  /** Serves the join pages; mount at `/local/meetings`. */
  readonly joinRouter: Router;
  readonly calls: LocalCalls;
  readonly directory: readonly LocalUser[];
  readonly tenantId: string;
  readonly repo: LocalGraphRepo;
  /** Answers a Graph request in-process (no HTTP); used by $batch, handy in tests. */
  readonly dispatch: Dispatch;
  /** A fetch answering requests under `serviceRoot()` (see isUnder) in-process, as the router would. */
  inProcessFetch(serviceRoot: () => string): FetchFn;
  /** Changes the public base URL (e.g. once the port is known). */
  setPublicBaseUrl(url: string): void;
  /** Accepts notificationUrls on `origin` too (the server's own, once it listens). */
  trustOrigin(origin: string): void;
}

const JOIN_PATH = '/local/meetings';

/** The directory file MEETBOT_LOCAL_DIRECTORY names; a problem with it is that setting's problem. */
export function directoryFromSetting(path: string): LocalUser[] {
  try {
    return loadDirectoryFile(path);
  } catch (error) {
    throw new ConfigError('MEETBOT_LOCAL_DIRECTORY', error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** Creates a local Graph. Throws an Error with a readable message for a bad directory file or fault spec. */
export function createLocalGraph(opts: LocalGraphOptions = {}): LocalGraph {
  const users = opts.directoryFile ? loadDirectoryFile(opts.directoryFile) : (opts.directory ?? DEFAULT_DIRECTORY);
  const faultSpec = opts.faults;
  const faults: FaultConfig | undefined = typeof faultSpec === 'string' ? parseFaults(faultSpec) : faultSpec;
  const random: Random = opts.seed !== undefined ? seededRandom(opts.seed) : Math.random;
  // Validations, notifications and call callbacks go out as Graph's do, on one kept-alive pool.
  const fetchFn: typeof fetch = opts.fetch ?? pooledFetch();
  const log = opts.logger ?? { warn: (o: object, m?: string) => console.warn(m, o), error: (o: object, m?: string) => console.error(m, o) };
  let publicBaseUrl = (opts.publicBaseUrl ?? 'http://127.0.0.1:3978').replace(/\/+$/, '');
  const ctx: LocalContext = {
    repo: opts.repo ?? createMemoryRepo(),
    dir: new DirectoryIndex(users),
    tenantId: opts.tenantId ?? LOCAL_TENANT_ID,
    get publicBaseUrl() {
      return publicBaseUrl;
    },
    joinPath: JOIN_PATH,
    usersWithoutPolicy: new Set([...(opts.usersWithoutPolicy ?? [])].map((s) => s.toLowerCase())),
    now: opts.now ?? (() => new Date()),
  };
  const trusted = new Set<string>();
  const allows = opts.allowsNotificationUrl ?? ((url: URL) => trusted.has(url.origin) || url.origin === new URL(publicBaseUrl).origin);
  const events = new EventBook();
  const hub = new CallHub(ctx, (change) => {
    calling.legs.onChange(change);
    return deliver(ctx, change, fetchFn, log);
  });
  const calling = createLocalCalling(ctx, { join: (m, u) => hub.join(m, u), roster: (id) => hub.roster(id) }, fetchFn, allows, log, opts.calling);
  // $batch dispatches its items through the same dispatcher it belongs to, hence the late lookup.
  const getDispatch = (): Dispatch => dispatch;
  const dispatch: Dispatch = createDispatcher(ctx, [batchRoute(getDispatch), calling.route, subscriptionsRoute(ctx, fetchFn, allows), attendanceRoute(ctx), eventsRoute(ctx, events, getDispatch)], faults ? { config: faults, random } : undefined, (err, req) =>
    log.error({ err, path: req.segments.join('/') }, 'local graph handler failed'),
  );
  return {
    router: createGraphRouter(dispatch, () => faults?.latencyMs ?? 0),
    inProcessFetch: (serviceRoot) => inProcessGraphFetch(dispatch, () => faults?.latencyMs ?? 0, serviceRoot),
    joinRouter: express.Router().use(createCalendarRouter(ctx, events), calling.router, createJoinRouter(ctx, hub, log, calling.section)),
    calls: {
      join: (m, u) => hub.join(m, u),
      leave: (m, u) => hub.leave(m, u),
      roster: (id) => hub.roster(id),
    },
    directory: users,
    tenantId: ctx.tenantId,
    repo: ctx.repo,
    dispatch,
    setPublicBaseUrl(url) {
      publicBaseUrl = url.replace(/\/+$/, '');
    },
    trustOrigin(origin) {
      trusted.add(new URL(origin).origin);
    },
  };
}
