// The local Graph-compatible service and its join pages alone, on the store's repo, behind the same guards as the
// embedded one: this machine only (unless MEETBOT_LOCAL_EXPOSE), Host and Origin checks, CSRF on the join forms.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from '../config';
import { createLocalGraph, directoryFromSetting, type LocalGraph } from '../graph/local/index';
import { JOIN_BODY_LIMIT } from '../graph/local/join-page';
import type { Store } from '../store/index';
import { LOCAL_GRAPH_PATH, LOCAL_MEETINGS_PATH } from './backend';
import { createBrowserGuard } from './browser-guard';
import { createLocalAccess } from './local-access';
import type { ServerLogger } from './logger';
import { requestLog } from './request-log';

/** A running standalone local Graph. */
export interface GraphService {
  /** The Graph base to use as GRAPH_BASE_URL, e.g. `http://127.0.0.1:3979/local/graph/v1.0`. */
  readonly graphUrl: string;
  readonly origin: string;
  readonly graph: LocalGraph;
  /** Stops accepting and cuts open connections; the store stays open (its owner closes it). */
  close(): Promise<void>;
}

/** Where and on what the service runs. */
export interface GraphServiceOptions {
  readonly config: Config;
  readonly store: Store;
  readonly logger: ServerLogger;
  readonly port: number;
  readonly host: string;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Starts the service on `host:port`; resolves once it listens. */
export async function startGraphService(options: GraphServiceOptions): Promise<GraphService> {
  const { config, logger, host } = options;
  const { directoryPath, faults } = config.local;
  const graph = createLocalGraph({
    repo: options.store.localGraph,
    logger,
    ...(directoryPath ? { directory: directoryFromSetting(directoryPath) } : {}),
    ...(faults ? { faults } : {}),
    ...(config.publicUrl ? { publicBaseUrl: config.publicUrl } : {}),
    // Its subscribers are bots on this machine (a meetbot serve beside it); it never POSTs to another one.
    allowsNotificationUrl: (url) => LOOPBACK_NAMES.has(url.hostname),
  });
  const access = createLocalAccess({ expose: config.local.expose, ...(config.local.token ? { token: config.local.token } : {}), logger });
  const browser = createBrowserGuard({ host, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}), logger });
  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers: they are API answers and one-time pages (express would hash every body for nothing).
  app.set('etag', false);
  app.use(requestLog(logger));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.use(browser.headers, access.gate, browser.hosts, browser.limits);
  app.use(LOCAL_MEETINGS_PATH, express.urlencoded({ extended: false, limit: JOIN_BODY_LIMIT }), express.json({ limit: JOIN_BODY_LIMIT }));
  app.use(browser.csrf);
  app.use(access.login);
  app.use(LOCAL_GRAPH_PATH, graph.router);
  app.use(LOCAL_MEETINGS_PATH, graph.joinRouter);
  app.use((_req, res) => void res.status(404).json({ error: 'Not found.' }));
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shown}:${port}`;
  if (!config.publicUrl) graph.setPublicBaseUrl(origin);
  return {
    graphUrl: `${origin}${LOCAL_GRAPH_PATH}`,
    origin,
    graph,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
