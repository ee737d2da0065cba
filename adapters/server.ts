// The composition root: reads the configuration, wires every port, and mounts every HTTP route on one server.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { createBot } from '../src/bot-api';
import type { Clock, Messenger } from '../src/bot-api';
import type { Platform } from '../src/types';
import { botConfigOf, type Config, type Env } from './config';
import { createNotificationsHandler } from './graph/notifications';
import { pooledFetch } from './http/transport';
import type { Playground } from './playground/index';
import { createSlackAdapter, SLACK_EVENTS_PATH, type SlackAdapter } from './slack/index';
import { openStore } from './store/index';
import { createTeamsAdapter, TEAMS_MESSAGES_PATH } from './teams/index';
import { createMeetingBackend, LOCAL_GRAPH_PATH, LOCAL_MEETINGS_PATH, NOTIFICATIONS_PATH, type MeetingBackend } from './server/backend';
import { commandCounter, countCreated, instrumentBot, timedFetch } from './server/instrument';
import { createInFlight } from './server/in-flight';
import { answerErrors, notFound } from './server/http-errors';
import { createLocalAccess } from './server/local-access';
import { createBrowserGuard } from './server/browser-guard';
import { LOCAL_TENANT_ID } from './graph/local/directory';
import { createJobs } from './server/jobs';
import { queueBackground } from './server/background';
import { createIcsRouter } from './server/ics';
import { calendarChain } from './server/calendar-chain';
import { startSummarySweep } from './server/summary-sweep';
import { createIcsSigner, ICS_PATH } from './server/ics-links';
import { createLogger, secretValues, type ServerLogger } from './server/logger';
import { compositeMessenger } from './server/messenger';
import { createMetrics, type Metrics } from './server/metrics';
import { graphAnswers, OPS_PATHS, opsRouter, queueAnswers } from './server/ops';
import { graphHandshake } from './server/handshake';
import { webhooks } from './server/webhooks';
import { requestLog } from './server/request-log';
import { meetingChain } from './server/meeting-chain';
import { renewerFor } from './server/subscribe';
import { openServerJobs, type ServerJobs } from './server/durable';
import { createCallingWiring } from './server/calling';
import { CALLS_PATH } from './server/calls-route';
import { createLocalCallingSigner } from './server/local-calling-key';
import { inMemoryWork } from './jobs/durable';
import { workCounting } from './server/work-count';
import { withMemoryFront } from './graph/front-cache';

/** Things tests and embedders may supply instead of the defaults. */
export interface ServerOptions {
  readonly logger?: ServerLogger;
  readonly clock?: Clock;
  /** The environment, only to know every secret value to mask in logs (all settings come through Config); default process.env. */
  readonly env?: Env;
  /** The fetch the Graph client uses; default global fetch. */
  readonly fetch?: typeof fetch;
  /** How long close() waits for requests in flight before cutting connections (default 10 s). */
  readonly shutdownGraceMs?: number;
  /** Pauses between tries of a call summary whose attendance report has not appeared yet (default: about 30 min in all). */
  readonly summaryRetryDelaysMs?: readonly number[];
  /** Ringing: the calling service's OpenID configuration (default Microsoft's), the local service's and the bot's ring timeouts. */
  readonly calling?: { readonly openIdUrl?: string; readonly localRingTimeoutMs?: number; readonly ringTimeoutMs?: number };
}

/** A running (or ready to run) meetbot server. */
export interface MeetbotServer {
  readonly app: Express;
  readonly logger: ServerLogger;
  readonly metrics: Metrics;
  readonly backend: MeetingBackend;
  /** True when the playground is served at / (local meeting service). */
  readonly playground: boolean;
  /** A one-time login link path for the local surfaces, when MEETBOT_LOCAL_EXPOSE opens them beyond this machine. */
  issueLoginPath(): string | undefined;
  /** Starts listening on config.host:config.port; resolves with the URL to open. */
  listen(): Promise<{ url: string }>;
  /** Stops accepting, finishes work in flight, disconnects, closes the store. Safe to call twice. */
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

function originOf(server: Server): string {
  const address = server.address() as AddressInfo;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Builds the server for `config`: opens the store, wires the bot and the adapters, mounts the routes. */
export async function createServer(config: Config, opts: ServerOptions = {}): Promise<MeetbotServer> {
  const env = opts.env ?? process.env;
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger({ level: config.logLevel, secrets: secretValues(config, env) });
  const metrics = createMetrics();
  const jobs = createJobs((name, error) => logger.error({ job: name, err: error }, 'background job failed'));
  const store = await openStore(config.database, { checkpointInBackground: true, ...(config.countWork ? workCounting(metrics.registry) : {}) });
  // The local surfaces authenticate nobody: this machine only, unless MEETBOT_LOCAL_EXPOSE and its token say otherwise.
  const localAccess = createLocalAccess({ expose: config.local.expose, ...(config.local.token ? { token: config.local.token } : {}), logger });
  let ownOrigin: string | undefined;
  let backend: MeetingBackend;
  // Local mode with Teams credentials: the embedded service signs its Calls API callbacks, which /api/calls checks.
  const localSigner = config.teams && config.graph.kind === 'local' ? createLocalCallingSigner(config.teams.appId, config.teams.tenantId ?? LOCAL_TENANT_ID) : undefined;
  let renewer: ReturnType<typeof renewerFor>;
  let serverJobs: ServerJobs;
  const late: { bot?: ReturnType<typeof instrumentBot> } = {};
  try {
    const graphFetch = localAccess.ownFetch(timedFetch(opts.fetch ?? pooledFetch(), metrics), () => ownOrigin);
    backend = createMeetingBackend({ config, cache: withMemoryFront(store), localRepo: store.localGraph, logger, fetch: graphFetch, instrument: (inner) => timedFetch(inner, metrics), localCalling: { ...(localSigner ? { callbackToken: localSigner.mint } : {}), ...(opts.calling?.localRingTimeoutMs !== undefined ? { ringTimeoutMs: opts.calling.localRingTimeoutMs } : {}) } });
    renewer = renewerFor(store, backend.subscriptions, clock, logger);
    serverJobs = await openServerJobs({
      store,
      config: config.jobs,
      logger,
      metrics,
      subscribe: async (m) => void (await renewer.subscribe(m)),
      bot: () => {
        if (!late.bot) throw new Error('the bot is not built yet');
        return late.bot;
      },
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const messengers: Partial<Record<Platform, Messenger>> = {};
  const deliveries = config.jobs.durable ? serverJobs.work : inMemoryWork(logger);
  const onCreated = [countCreated(metrics)];
  const meetings = meetingChain(() => backend.meetings, onCreated);
  const background = queueBackground(serverJobs.queue, logger, opts.summaryRetryDelaysMs);
  const icsSigner = createIcsSigner(config.calendarSecret, () => config.publicUrl ?? ownOrigin);
  // The bot is built with the calling service, which hands it what the calls report: it reads the bot late.
  const callLegs = createCallingWiring({ config, backend, logger, clock, bot: () => late.bot, track: (work) => jobs.track('calls', work), ownOrigin: () => ownOrigin, ...(localSigner ? { localSigner } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.calling?.openIdUrl ? { openIdUrl: opts.calling.openIdUrl } : {}), ...(opts.calling?.ringTimeoutMs !== undefined ? { ringTimeoutMs: opts.calling.ringTimeoutMs } : {}) });
  const core = createBot({ ...(callLegs.calling ? { calling: callLegs.calling } : {}), meetings, directory: backend.directory, attendance: backend.attendance, background, calendarLinks: icsSigner, calendar: calendarChain(backend.calendar, onCreated), store: { ...store, saveMeeting: serverJobs.saveMeeting }, messenger: compositeMessenger(messengers, logger), clock, logger, config: botConfigOf(config), onCommand: commandCounter(metrics), onReplyRecorded: (ms) => metrics.replyUnrecorded.observe(ms / 1000) });
  const bot = instrumentBot(core, metrics);
  late.bot = bot;
  let summarySweep: { stop(): void } | undefined;

  let draining = false;
  const inFlight = createInFlight();
  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers: they are API answers and one-time pages (express would hash every body for nothing).
  app.set('etag', false);
  app.use(requestLog(logger));
  const machinePaths = new Set([TEAMS_MESSAGES_PATH, SLACK_EVENTS_PATH, CALLS_PATH, NOTIFICATIONS_PATH, ...OPS_PATHS]);
  const browser = createBrowserGuard({ host: config.host, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}), logger, machinePaths });
  app.use(browser.headers);
  app.use(inFlight.counter);
  app.use(opsRouter({
    registry: metrics.registry,
    draining: () => draining,
    checks: [
      { name: 'store', check: () => store.ping() },
      queueAnswers(serverJobs.queue),
      graphAnswers(() => backend.graphBaseUrl(), opts.fetch ?? fetch),
    ],
  }));

  if (backend.local) {
    // The local service's modules are loaded in local mode only (./server/backend.ts); so is this constant.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { JOIN_BODY_LIMIT } = require('./graph/local/join-page') as typeof import('./graph/local/join-page');
    app.use(localAccess.gate, browser.hosts, browser.limits);
    // Parsed before the CSRF check reads the join forms' token field; the join router then finds the body parsed.
    app.use(LOCAL_MEETINGS_PATH, express.urlencoded({ extended: false, limit: JOIN_BODY_LIMIT }), express.json({ limit: JOIN_BODY_LIMIT }));
    app.use(browser.csrf);
  }

  // While draining, only the embedded Graph keeps answering: commands in flight still call it over loopback.
  app.use(inFlight.gate(() => draining, (path) => path.startsWith(LOCAL_GRAPH_PATH)));

  // Teams is always served: without MICROSOFT_APP_ID requests are unauthenticated, which config allows on loopback only.
  const teams = createTeamsAdapter({ ...(config.teams ? { config: config.teams } : {}), bot, logger, clock, work: deliveries });
  app.post(TEAMS_MESSAGES_PATH, teams.handler);
  messengers.teams = teams.messenger;

  let slack: SlackAdapter | undefined;
  if (config.slack) {
    // A try gives up (and says so) before its lease runs out, so no other instance starts it again while it runs.
    const deadlineMs = Math.max(1000, (config.jobs.leaseSeconds - 5) * 1000);
    slack = createSlackAdapter({ config: config.slack, bot, logger, clock, work: deliveries, patience: { deadlineMs } });
    app.use(slack.router);
    messengers.slack = slack.messenger;
  }

  callLegs.mount(app);

  app.use(ICS_PATH, createIcsRouter({ signer: icsSigner, store, clock, logger }));

  app.post(NOTIFICATIONS_PATH, createNotificationsHandler({
    // Each subscription's own secret, from the store: valid across restarts, instances and credential rotations.
    clientStateOf: (subscriptionId) => renewer.clientStateOf(subscriptionId),
    ...(backend.notificationCertificate ? { certificate: backend.notificationCertificate } : {}),
    logger,
    // Recorded as a job before Graph hears its 202, so a crash loses no event.
    record: (events) => serverJobs.recordCallEvents(events),
  }));

  let playground: Playground | undefined;
  if (backend.local) {
    app.use(localAccess.login);
    app.use(LOCAL_GRAPH_PATH, backend.local.router);
    app.use(LOCAL_MEETINGS_PATH, backend.local.joinRouter);
    // The playground exists in local mode only: a deployment on a real Graph never loads its modules.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { createPlayground } = require('./playground/index') as typeof import('./playground/index');
    const { renderBoth } = require('./playground/render') as typeof import('./playground/render');
    /* eslint-enable @typescript-eslint/no-require-imports */
    playground = createPlayground({ bot, users: backend.local.directory, render: renderBoth, clock, logger, log: store.playground });
    app.use(playground.router);
    messengers.local = playground.messenger;
  }

  app.use(notFound, answerErrors(logger));

  let server: Server | undefined;
  let closing: Promise<void> | undefined;

  // Stop taking new work, let work in flight finish (it may still call the embedded Graph), then disconnect.
  async function shutdown(): Promise<void> {
    draining = true;
    playground?.close();
    // No new renewal checks from now on; one in progress is waited for with the rest of the work.
    const renewing = renewer.stop();
    callLegs.calling?.stop();
    summarySweep?.stop();
    let graceOver: NodeJS.Timeout | undefined;
    // A second of the grace is kept for closing connections and the store, so the process is gone within it.
    const graceMs = opts.shutdownGraceMs ?? 10_000;
    const grace = new Promise<void>((resolve) => (graceOver = setTimeout(resolve, Math.max(0, graceMs - 1000))));
    // Running jobs get most of the grace; what they cannot finish goes back to the queue for another instance.
    const jobsGraceMs = Math.max(500, graceMs - 2000);
    const finished = (async () => {
      await slack?.stop();
      await serverJobs.stop(jobsGraceMs);
      await inFlight.idle();
      await jobs.drain();
      await renewing;
    })();
    await Promise.race([finished, grace]);
    clearTimeout(graceOver);
    if (server) {
      const s = server;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeAllConnections();
      await closed;
    }
    await store.close();
    logger.info({}, 'meetbot stopped');
  }

  return {
    app,
    logger,
    metrics,
    backend,
    playground: Boolean(playground),
    issueLoginPath: () => (backend.local ? localAccess.issueLoginPath() : undefined),
    async listen() {
      const handshake = graphHandshake(NOTIFICATIONS_PATH, () => draining, logger);
      const platforms = webhooks({
        routes: new Map([[TEAMS_MESSAGES_PATH, teams.handler], ...(slack?.webhook ? [[SLACK_EVENTS_PATH, slack.webhook] as const] : [])]),
        draining: () => draining,
        inFlight,
        logger,
      });
      const s = await new Promise<Server>((resolve, reject) => {
        const started = createHttpServer((req, res) => void (handshake(req, res) || platforms(req, res) || app(req, res)));
        started.once('error', reject);
        started.listen(config.port, config.host, () => {
          started.off('error', reject);
          resolve(started);
        });
      });
      server = s;
      const origin = originOf(s);
      ownOrigin = origin;
      backend.bind(origin);
      renewer.start();
      await serverJobs.startWorkers({ summary: (job) => background.run(job, bot) });
      summarySweep ??= startSummarySweep(bot, jobs);
      await slack?.start();
      const address = s.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
      logger.info({ url }, 'meetbot listening');
      // `meetbot meet`, run beside this server, prints join links that open here (unless MEETBOT_PUBLIC_URL says where).
      if (backend.local && !config.publicUrl) await store.localOrigin.write(url, clock.now()).catch((err: unknown) => logger.warn({ err }, 'could not record where the join pages are served'));
      return { url };
    },
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}
