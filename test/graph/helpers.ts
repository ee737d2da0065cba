// Shared test helpers for the Graph adapter: a silent logger, an app on an ephemeral loopback port, a backend on the local Graph.
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';
import sinon from 'sinon';
import { startLocalGraphServer, DEFAULT_DIRECTORY, createMemoryRepo, type LocalGraphOptions, type LocalGraphServer, type LocalUser } from '../../adapters/graph/local';
import { createGraphBackend, createMemoryDirectoryCache, type GraphBackendOptions } from '../../adapters/graph';
import type { Logger, M365User } from '../../src/meetings/ports';
import { isBotError } from '../../src/errors';

/** A logger that records nothing. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Listens on 127.0.0.1:0; returns the base URL and a close function. */
export async function listen(app: RequestListener): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A person of the default local directory, as an M365User. */
export function person(nick: string): M365User {
  const u: LocalUser | undefined = DEFAULT_DIRECTORY.find((p) => p.mailNickname === nick);
  if (!u) throw new Error(`no local person ${nick}`);
  return { id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName, mail: u.mail };
}

/** The real local Graph service over HTTP, a backend pointed at it, a fetch spy and a count of meetings inserted. */
export async function localBackend(
  local: LocalGraphOptions = {},
  backend: Partial<Omit<GraphBackendOptions, 'config' | 'logger'>> = {},
): Promise<{
  server: LocalGraphServer;
  backend: ReturnType<typeof createGraphBackend>;
  fetchSpy: sinon.SinonSpy<Parameters<typeof fetch>, ReturnType<typeof fetch>>;
  inserted: () => number;
  close: () => Promise<void>;
}> {
  const repo = createMemoryRepo();
  let inserted = 0;
  const countingRepo = {
    ...repo,
    async createOrGet(...args: Parameters<typeof repo.createOrGet>) {
      const result = await repo.createOrGet(...args);
      if (result.created) inserted++;
      return result;
    },
  };
  const server = await startLocalGraphServer({ repo: countingRepo, ...local });
  const fetchSpy = sinon.spy((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => fetch(input, init));
  const b = createGraphBackend({
    config: { kind: 'remote', baseUrl: server.url, auth: { kind: 'none' } },
    cache: createMemoryDirectoryCache(),
    logger: silentLogger,
    fetch: fetchSpy,
    ...backend,
    retry: { baseDelayMs: 1, maxDelayMs: 50, ...backend.retry },
  });
  return { server, backend: b, fetchSpy, inserted: () => inserted, close: () => server.close() };
}

/** A notification endpoint at `path` that passes the handshake and records the call events it gets, in order. */
export async function callEventReceiver(path: string): Promise<{ url: string; events: string[]; close(): Promise<void> }> {
  const events: string[] = [];
  const server = await listen((req, res) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (token !== null) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
        return;
      }
      const note = JSON.parse(body) as { value: { resourceData: { eventType: string } }[] };
      events.push(...note.value.map((v) => v.resourceData.eventType));
      res.writeHead(202).end();
    });
  });
  return { url: `${server.url}${path}`, events, close: server.close };
}

/** The BotError code `promise` fails with (an assertion failure when it fails otherwise or not at all). */
export async function failureCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isBotError(error), `expected a BotError, got ${String(error)}`);
    return error.code;
  }
  throw new Error('expected a failure');
}
