// A standalone HTTP server for the local Graph (tests, the CLI): Graph at /local/graph/v1.0, join pages at /local/meetings.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLocalGraph, type LocalGraph, type LocalGraphOptions } from './graph';

/** A running local Graph server. */
export interface LocalGraphServer {
  /** The Graph base, e.g. `http://127.0.0.1:PORT/local/graph/v1.0` (use as GRAPH_BASE_URL). */
  readonly url: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly graph: LocalGraph;
  close(): Promise<void>;
}

/** Starts the local Graph on 127.0.0.1 (port 0 = any free port unless `port` is given). */
export async function startLocalGraphServer(opts: LocalGraphOptions & { port?: number; host?: string } = {}): Promise<LocalGraphServer> {
  // A test double on loopback: subscribers are other loopback servers (test receivers), never other machines.
  const graph = createLocalGraph({ allowsNotificationUrl: (url) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname), ...opts });
  const app = express();
  app.disable('x-powered-by');
  // No ETag on answers: they are API answers and one-time pages (express would hash every body for nothing).
  app.set('etag', false);
  app.use('/local/graph/v1.0', graph.router);
  app.use('/local/meetings', graph.joinRouter);
  const host = opts.host ?? '127.0.0.1';
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  if (!opts.publicBaseUrl) graph.setPublicBaseUrl(origin);
  return {
    url: `${origin}/local/graph/v1.0`,
    origin,
    graph,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
