// A Graph proxy between the instances and one Graph-compatible process (a meetbot serving its local Graph): each
// instance gets its own base URL (`/<tag>/v1.0`), so the proxy knows who called, and a test can act the moment a
// meeting was created, before its caller hears the answer.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where `meetbot serve` exposes its local Graph (LOCAL_GRAPH_PATH in adapters/server/backend.ts). */
const LOCAL_GRAPH_PATH = '/local/graph/v1.0';

/** A Graph call as the proxy saw it. */
export interface GraphCall {
  readonly tag: string;
  readonly method: string;
  readonly path: string;
}

/** The running proxy. */
export interface GraphProxy {
  /** GRAPH_BASE_URL for the instance tagged `tag`. */
  baseUrl(tag: string): string;
  readonly calls: GraphCall[];
  /** Told each call once Graph answered it; `'hang'` never passes the answer on (its caller is killed). */
  afterGraph?: (call: GraphCall) => void | 'hang';
  close(): Promise<void>;
}

/** True for the call that creates a meeting. */
export const isCreate = (call: GraphCall): boolean => call.method === 'POST' && call.path.endsWith('/onlineMeetings/createOrGet');

/** Starts the proxy in front of `graphOrigin` (the Graph process's origin; its local Graph is under LOCAL_GRAPH_PATH). */
export async function startGraphProxy(graphOrigin: string): Promise<GraphProxy> {
  const target = new URL(graphOrigin);
  const state: GraphProxy = { baseUrl: () => '', calls: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const match = /^\/([^/]+)\/v1\.0(\/.*)?$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const call: GraphCall = { tag: match[1] ?? '', method: req.method ?? 'GET', path: (match[2] ?? '/').split('?')[0] ?? '/' };
    state.calls.push(call);
    const headers = { ...req.headers, host: target.host };
    const out = request({ host: target.hostname, port: target.port, method: req.method, path: `${LOCAL_GRAPH_PATH}${match[2] ?? '/'}`, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        if (state.afterGraph?.(call) === 'hang') return;
        res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(chunks));
      });
    });
    out.on('error', () => res.headersSent ? res.destroy() : res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    baseUrl: (tag: string) => `${origin}/${tag}/v1.0`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
