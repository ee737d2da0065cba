// A fake Slack Web API (what WebClient calls at slackApiUrl) and response_url endpoint, recording every call.
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** One recorded Web API call, with JSON-valued arguments (blocks, view) decoded. */
export interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** The bearer token the call carried (`xoxb-…`, or `xapp-…` for apps.connections.open). */
  readonly token?: string;
  /** Which caller, when it was given a tagged API URL (`taggedApiUrl`): several processes on one fake. */
  readonly tag?: string;
}

/** One POST to a response_url. */
export interface HookPost {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

/** A person as users.info answers. */
export interface FakeSlackUser {
  readonly id: string;
  readonly real_name: string;
  readonly tz?: string;
  readonly locale?: string;
  readonly email?: string;
}

/** Fake Slack: start it, point the adapter's apiUrl at `apiUrl`, read `calls` and `hooks`. */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly hooks: HookPost[] = [];
  readonly users = new Map<string, FakeSlackUser>();
  /** Channels the bot is not a member of: chat.postMessage answers not_in_channel. */
  readonly notIn = new Set<string>();
  /** Methods that answer `{ ok: false, error }`. */
  readonly failing = new Map<string, string>();
  /** While set, users.info answers only after it resolves (a slow Slack). */
  usersInfoGate?: Promise<void>;
  /** Told each call once Slack acted on it, before the answer goes: `'hang'` never sends it (its caller is killed); a promise holds it. */
  beforeReply?: (call: ApiCall) => void | 'hang' | Promise<void>;
  /** Told each call once its answer has been written to the caller. */
  afterReply?: (call: ApiCall) => void;
  /** Socket Mode: the WebSocket URL apps.connections.open hands out (see FakeSocket.ticketUrl). */
  socketUrl?: () => string;
  /** Messages posted with chat.postMessage, per channel, as conversations.history and .replies return them. */
  readonly posted = new Map<string, { ts: string; text: unknown; thread_ts?: string; metadata?: unknown }[]>();
  private seq = 0;
  private server?: Server;
  url = '';

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** The Web API URL for one of several callers: its calls carry `tag`. */
  taggedApiUrl(tag: string): string {
    return `${this.url}/as/${encodeURIComponent(tag)}/api/`;
  }

  /** A response_url on this fake. */
  hook(name: string): string {
    return `${this.url}/hooks/${name}`;
  }

  /** Calls of `method`. */
  of(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  addUser(user: FakeSlackUser): this {
    this.users.set(user.id, user);
    return this;
  }

  private answer(method: string, args: Record<string, unknown>, token: string | undefined): Record<string, unknown> {
    const error = this.failing.get(method);
    if (error) return { ok: false, error };
    switch (method) {
      case 'apps.connections.open':
        if (!token) return { ok: false, error: 'not_authed' };
        if (!token.startsWith('xapp-')) return { ok: false, error: 'not_allowed_token_type' };
        return this.socketUrl ? { ok: true, url: this.socketUrl() } : { ok: false, error: 'socket_mode_not_enabled' };
      case 'auth.test':
        return { ok: true, url: 'https://contoso.slack.com/', team: 'Contoso', user: 'meetbot', team_id: 'T0001', user_id: 'UMEETBOT', bot_id: 'B0MEETBOT' };
      case 'users.info': {
        const u = this.users.get(String(args.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: u.id, name: u.real_name.toLowerCase(), real_name: u.real_name, tz: u.tz, locale: u.locale, profile: { email: u.email, real_name: u.real_name } } };
      }
      case 'chat.postMessage': {
        const channel = String(args.channel);
        if (this.notIn.has(channel)) return { ok: false, error: 'not_in_channel' };
        this.seq += 1;
        const ts = `1700000${String(this.seq).padStart(3, '0')}.000100`;
        const list = this.posted.get(channel) ?? [];
        list.push({ ts, text: args.text, ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}), ...(args.metadata ? { metadata: args.metadata } : {}) });
        this.posted.set(channel, list);
        return { ok: true, channel, ts, message: { text: args.text } };
      }
      case 'conversations.history':
      case 'conversations.replies': {
        const all = this.posted.get(String(args.channel)) ?? [];
        const inThread = method === 'conversations.replies' ? all.filter((m) => m.thread_ts === args.ts || m.ts === args.ts) : all.filter((m) => !m.thread_ts);
        // Metadata is only returned when asked for, as Slack does.
        const messages = inThread.map((m) => (args.include_all_metadata === 'true' || args.include_all_metadata === true ? m : { ...m, metadata: undefined })).reverse();
        return { ok: true, messages, has_more: false };
      }
      case 'chat.getPermalink':
        return { ok: true, channel: args.channel, permalink: `https://contoso.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}` };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: '1700009999.000001' };
      case 'views.open':
        return { ok: true, view: { id: 'V0OPENED' } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.use(express.json());
    app.post(['/api/:method', '/as/:tag/api/:method'], async (req, res) => {
      const args: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(req.body as Record<string, string>)) {
        args[k] = (k === 'blocks' || k === 'view' || k === 'metadata') && typeof v === 'string' ? JSON.parse(v) : v;
      }
      const method = String(req.params.method);
      const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
      const tag = typeof req.params.tag === 'string' ? req.params.tag : undefined;
      const call: ApiCall = { method, args, ...(token ? { token } : {}), ...(tag ? { tag } : {}) };
      this.calls.push(call);
      if (method === 'users.info' && this.usersInfoGate) await this.usersInfoGate;
      const answer = this.answer(method, args, token);
      const held = this.beforeReply?.(call);
      if (held === 'hang') return;
      if (held) await held;
      res.on('finish', () => this.afterReply?.(call));
      res.json(answer);
    });
    app.post('/hooks/*path', (req, res) => {
      this.hooks.push({ path: req.path, body: req.body as Record<string, unknown> });
      res.status(200).send('ok');
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
