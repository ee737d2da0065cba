// Who may reach the local surfaces (playground, local Graph, join pages): they authenticate nobody, so by default
// only this machine; beyond it only with MEETBOT_LOCAL_EXPOSE=true, and then every request carries MEETBOT_LOCAL_TOKEN
// as a bearer header or as the session cookie a one-time login link sets.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import express, { Router, type Request, type RequestHandler } from 'express';
import type { Logger } from '../../src/bot-api';

/** Where the login page and one-time links live. */
export const LOGIN_PATH = '/local/login';
/** The session cookie's name. */
export const SESSION_COOKIE = 'meetbot_local';

/** Paths that belong to the local surfaces. */
export function isLocalSurface(path: string): boolean {
  return path === '/' || path === '/index.html' || path.startsWith('/playground/') || path.startsWith('/local/');
}

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return address === '::1' || (isIP(v4) === 4 && v4.startsWith('127.'));
}

/** The header meetbot's own Graph client sends to the embedded Graph, whatever interface the server listens on. */
export const INTERNAL_KEY_HEADER = 'x-meetbot-local-key';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** What the gate is built from. */
export interface LocalAccessOptions {
  readonly expose: boolean;
  readonly token?: string;
  readonly logger: Logger;
  /** How long a login session lasts (default 12 h). */
  readonly sessionSeconds?: number;
}

/** The gate in front of the local surfaces, and the login routes. */
export interface LocalAccess {
  /** 404 beyond this machine unless exposed; 401 without the token when exposed. Other paths pass. */
  readonly gate: RequestHandler;
  /** GET/POST /local/login (only when exposed). */
  readonly login: Router;
  /** A one-time login link path (`/local/login?code=…`) for the banner, when exposed. */
  issueLoginPath(): string | undefined;
  /** `fetch` with this process's own key added to requests for `origin()` (the embedded Graph called over HTTP). */
  ownFetch(inner: typeof fetch, origin: () => string | undefined): typeof fetch;
}

const LOGIN_FORM = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>meetbot: log in</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto"><h1>meetbot local surfaces</h1>
<p>Paste MEETBOT_LOCAL_TOKEN, or open the one-time link meetbot printed when it started.</p>
<form method="post" action="${LOGIN_PATH}"><input type="password" name="token" autocomplete="off" required> <button type="submit">Log in</button></form></body></html>`;

/** Builds the gate for `options`. */
export function createLocalAccess(options: LocalAccessOptions): LocalAccess {
  const { logger } = options;
  const token = options.expose ? options.token : undefined;
  // The cookie holds a value derived from the token, never the token: a leaked cookie does not reveal it, and a new
  // token ends every session.
  const session = token ? createHmac('sha256', token).update('meetbot local session').digest('base64url') : undefined;
  const codes = new Map<string, number>();
  const maxAge = options.sessionSeconds ?? 12 * 3600;
  // Random per process and never configured: with HOST set to a LAN address the bot's own calls do not come from loopback.
  const internalKey = randomBytes(32).toString('base64url');

  const carriesToken = (req: Request): boolean => {
    if (!token || !session) return false;
    const auth = req.get('authorization') ?? '';
    if (auth.startsWith('Bearer ') && sameSecret(auth.slice(7), token)) return true;
    const cookie = cookieOf(req, SESSION_COOKIE);
    return cookie !== undefined && sameSecret(cookie, session);
  };

  const gate: RequestHandler = (req, res, next) => {
    if (!isLocalSurface(req.path) || isLoopbackAddress(req.socket.remoteAddress)) return next();
    const key = req.get(INTERNAL_KEY_HEADER);
    if (key !== undefined && sameSecret(key, internalKey)) return next();
    if (!token) {
      logger.warn({ path: req.path, remote: req.socket.remoteAddress }, 'local surface refused beyond this machine (MEETBOT_LOCAL_EXPOSE is not set)');
      return void res.status(404).json({ error: 'Not found.' });
    }
    if (req.path === LOGIN_PATH || carriesToken(req)) return next();
    res.status(401);
    if (req.accepts(['html', 'json']) === 'html' && req.method === 'GET') return void res.type('html').send(LOGIN_FORM);
    res.json({ error: `Log in first: open ${LOGIN_PATH} or send Authorization: Bearer <MEETBOT_LOCAL_TOKEN>.` });
  };

  const login = Router();
  if (token && session) {
    const signIn = (res: express.Response, secure: boolean): void => {
      res.setHeader('set-cookie', `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`);
      res.redirect(303, '/');
    };
    login.get(LOGIN_PATH, (req, res) => {
      const code = typeof req.query.code === 'string' ? req.query.code : '';
      const expires = codes.get(code);
      // One use each: a link copied from a log or a screen share later is worth nothing.
      codes.delete(code);
      if (expires !== undefined && expires > Date.now()) return signIn(res, req.secure);
      res.status(code ? 401 : 200).type('html').send(LOGIN_FORM);
    });
    login.post(LOGIN_PATH, express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
      const body: unknown = req.body;
      const given = typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string' ? body.token : '';
      if (given && sameSecret(given, token)) return signIn(res, req.secure);
      logger.warn({ remote: req.socket.remoteAddress }, 'local login with a wrong token');
      res.status(401).type('html').send(LOGIN_FORM);
    });
  }

  return {
    gate,
    login,
    issueLoginPath() {
      if (!token) return undefined;
      const code = randomBytes(24).toString('base64url');
      codes.set(code, Date.now() + 15 * 60_000);
      return `${LOGIN_PATH}?code=${code}`;
    },
    ownFetch: (inner, origin) => (input, init) => {
      const target = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const own = origin();
      if (!own || !target.startsWith(`${own}/`)) return inner(input, init);
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      headers.set(INTERNAL_KEY_HEADER, internalKey);
      return inner(input, { ...init, headers });
    },
  };
}
