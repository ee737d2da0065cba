// A small round-robin load balancer in front of the instances: each request goes to the next instance that is up;
// an instance that dies mid-request costs that request a 502 (the platform then sees no acknowledgement).
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where the proxy may send a request. */
export interface Upstream {
  readonly url: string;
  readonly up: boolean;
}

/** The running proxy. */
export interface Proxy {
  readonly url: string;
  close(): Promise<void>;
}

function forward(target: string, req: IncomingMessage, body: Buffer, res: ServerResponse): void {
  const out = request(`${target}${req.url ?? '/'}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  out.on('error', () => {
    if (!res.headersSent) res.writeHead(502).end();
    else res.destroy();
  });
  out.end(body);
}

/** Starts the proxy on loopback over `upstreams` (read on each request, so kills and restarts show at once). */
export async function startProxy(upstreams: () => readonly Upstream[]): Promise<Proxy> {
  let next = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const live = upstreams().filter((u) => u.up);
      const target = live[next++ % Math.max(1, live.length)];
      if (!target) {
        res.writeHead(503).end();
        return;
      }
      forward(target.url, req, Buffer.concat(chunks), res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
