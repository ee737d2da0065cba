// The fake Slack Web API and fake Bot Connector the server benchmark's bots talk to: bare node:http, counting every
// call, and telling the load generator the moment a card for a conversation arrives.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Slack people the fake's users.info knows: e-mails the local Graph's directory has. */
export const SLACK_PEOPLE = {
  alice: { id: 'U024BE7LH', real_name: 'Alice Johnson', email: 'alice@contoso.example', tz: 'Europe/Berlin' },
  bob: { id: 'U0G9QF9C6', real_name: 'Bob Smith', email: 'bob@contoso.example', tz: 'Europe/Berlin' },
} as const;

/** Teams members the fake connector answers for, with the local directory's Entra ids. */
export const TEAMS_PEOPLE = {
  alice: { id: '29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4NHjjDqRw', name: 'Alice Johnson', aadObjectId: 'a1b2c3d4-0001-4a5b-8c6d-7e8f90a1b2c3', email: 'alice@contoso.example', userPrincipalName: 'alice@contoso.example' },
  bob: { id: '29:1Hb8xUqP4nXcP7JGq9y2vYz2V0dQeRtK3mWnLpA6sB5cD4eF3gH2iJ1kL0mN9oP8qR7sT6uV5wX4yZ3aB2cD1eFg', name: 'Bob Smith', aadObjectId: 'b2c3d4e5-0002-4b6c-9d7e-8f90a1b2c3d4', email: 'bob@contoso.example', userPrincipalName: 'bob@contoso.example' },
} as const;

/** A running fake: its base URL, its call counts by name, and a way to wait for one conversation's card. */
export interface PlatformFake {
  readonly url: string;
  readonly calls: Map<string, number>;
  /** TCP connections the bots opened to it (few when they keep them alive). */
  connections(): number;
  /** Resolves when a card for `conversation` arrives, or false after `timeoutMs`. */
  cardFor(conversation: string, timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, body: string, res: ServerResponse, fake: Waiters) => void;

class Waiters {
  readonly calls = new Map<string, number>();
  private readonly waiting = new Map<string, (ok: boolean) => void>();
  count(name: string): void {
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
  }
  arrived(conversation: string): void {
    const resolve = this.waiting.get(conversation);
    this.waiting.delete(conversation);
    resolve?.(true);
  }
  wait(conversation: string, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(conversation);
        resolve(false);
      }, timeoutMs);
      this.waiting.set(conversation, (ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
    });
  }
}

async function serve(handler: Handler): Promise<PlatformFake> {
  const waiters = new Waiters();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res, waiters));
  });
  server.keepAliveTimeout = 60_000;
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: waiters.calls,
    connections: () => connections,
    cardFor: (conversation, timeoutMs = 30_000) => waiters.wait(conversation, timeoutMs),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Web API arguments, form-encoded or JSON. */
function argsOf(req: IncomingMessage, body: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('json')) return body ? (JSON.parse(body) as Record<string, unknown>) : {};
  return Object.fromEntries(new URLSearchParams(body));
}

let ts = 0;

/** Fake Slack: `${url}/api/` is SLACK_API_URL; a chat.postMessage with blocks is a card for its channel. */
export function startFakeSlack(): Promise<PlatformFake> {
  const users = new Map<string, (typeof SLACK_PEOPLE)[keyof typeof SLACK_PEOPLE]>(Object.values(SLACK_PEOPLE).map((u) => [u.id, u]));
  return serve((req, body, res, fake) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith('/api/')) {
      fake.count('response_url');
      return json(res, 200, { ok: true });
    }
    const method = path.slice(5);
    fake.count(method);
    const args = argsOf(req, body);
    switch (method) {
      case 'auth.test':
        return json(res, 200, { ok: true, url: 'https://contoso.slack.com/', team: 'Contoso', user: 'meetbot', team_id: 'T0001', user_id: 'U0MEETBOT', bot_id: 'B0MEETBOT' });
      case 'users.info': {
        const u = users.get(String(args.user));
        if (!u) return json(res, 200, { ok: false, error: 'user_not_found' });
        return json(res, 200, { ok: true, user: { id: u.id, name: u.real_name.split(' ')[0]?.toLowerCase(), real_name: u.real_name, tz: u.tz, locale: 'en-US', profile: { email: u.email, real_name: u.real_name } } });
      }
      case 'chat.postMessage': {
        const channel = String(args.channel);
        if (args.blocks) fake.arrived(channel);
        ts += 1;
        return json(res, 200, { ok: true, channel, ts: `1772442000.${String(ts).padStart(6, '0')}` });
      }
      case 'conversations.history':
      case 'conversations.replies':
        return json(res, 200, { ok: true, messages: [], has_more: false });
      default:
        return json(res, 200, { ok: true });
    }
  });
}

const members = new Map<string, (typeof TEAMS_PEOPLE)[keyof typeof TEAMS_PEOPLE]>(Object.values(TEAMS_PEOPLE).map((m) => [m.id, m]));
let activityIds = 0;

/** Fake Bot Connector: the activities' serviceUrl; a message with an Adaptive Card is a card for its conversation. */
export function startFakeConnector(): Promise<PlatformFake> {
  return serve((req, body, res, fake) => {
    const parts = (req.url ?? '').split('?')[0]?.split('/') ?? [];
    // /v3/conversations/{conversation}/activities[/{id}] and /v3/conversations/{conversation}/members/{user}
    const conversation = decodeURIComponent(parts[3] ?? '');
    const what = parts[4] ?? '';
    fake.count(`${req.method ?? 'GET'} ${what}`);
    if (what === 'members') {
      const m = members.get(decodeURIComponent(parts[5] ?? ''));
      if (!m) return json(res, 404, { error: { code: 'MemberNotFoundInConversation', message: 'The member could not be found in the conversation.' } });
      return json(res, 200, { ...m, givenName: m.name.split(' ')[0], tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', userRole: 'user' });
    }
    const activity = body ? (JSON.parse(body) as { type?: string; attachments?: Array<{ contentType?: string }> }) : {};
    if (activity.type === 'message' && activity.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')) fake.arrived(conversation);
    activityIds += 1;
    json(res, req.method === 'PUT' ? 200 : 201, { id: `1772442${String(activityIds).padStart(6, '0')}` });
  });
}
