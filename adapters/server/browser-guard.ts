// What browsers get from the local surfaces: a Host check against DNS rebinding, an Origin check and a double-submit
// CSRF token on every state-changing request a browser makes, security headers, and rate limits beyond this machine.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from '../../src/bot-api';
import { isLocalSurface, isLoopbackAddress } from './local-access';

/** The CSRF cookie (readable by the page's own script, which sends it back as the header). */
export const CSRF_COOKIE = 'meetbot_csrf';
/** The header (fetch) or form field (join page) that must repeat the cookie. */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What the guard is built from. */
export interface BrowserGuardOptions {
  /** HOST: a name other than a wildcard is a name people may use. */
  readonly host: string;
  readonly publicUrl?: string;
  readonly logger: Logger;
  /** Requests per minute per address beyond this machine (default 600; logins 20). */
  readonly perMinute?: number;
  /**
   * Paths only other servers call (platform webhooks, Graph's notifications, probes): their answers are never
   * rendered by a browser, so they carry nosniff alone instead of the dozen page headers, written on every call.
   */
  readonly machinePaths?: ReadonlySet<string>;
}

/** The hostname of a Host header or origin (`[::1]:3978` -> `[::1]`), lower-cased. */
function hostnameOf(hostHeader: string): string {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** A request a browser made: browsers always send one of these on a state-changing request; scripts and curl do not. */
function fromBrowser(req: Request): boolean {
  return req.get('origin') !== undefined || req.get('sec-fetch-site') !== undefined || req.get('cookie') !== undefined || req.get('referer') !== undefined;
}

/** The token a request carries back: header first, then the form field. */
function tokenIn(req: Request): string | undefined {
  const header = req.get(CSRF_HEADER);
  if (header) return header;
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && CSRF_FIELD in body && typeof body[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : undefined;
}

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The guard's middleware, in mounting order. */
export interface BrowserGuard {
  /** Security headers on every response (helmet): CSP without inline script, nosniff, frame-ancestors 'none', no referrer to other sites. */
  readonly headers: RequestHandler;
  /** 421 for a Host that is not this server's (DNS rebinding), 403 for a cross-site Origin; local surfaces only. */
  readonly hosts: RequestHandler;
  /** 429 beyond this machine past the per-minute budget; local surfaces only. */
  readonly limits: RequestHandler;
  /** Sets the CSRF cookie and `res.locals.csrfToken`; refuses browser writes whose token does not match (403). */
  readonly csrf: RequestHandler;
}

/** Builds the guard for the local surfaces. */
export function createBrowserGuard(options: BrowserGuardOptions): BrowserGuard {
  const { logger } = options;
  const names = new Set(['localhost']);
  if (isIP(options.host) === 0) names.add(options.host.toLowerCase());
  if (options.publicUrl) names.add(new URL(options.publicUrl).hostname.toLowerCase());
  // An IP literal cannot be rebound by DNS; a name must be one this server is known by.
  const known = (hostname: string): boolean => names.has(hostname) || isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;

  const pageHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Card renderers set style attributes; scripts stay strictly same-origin files.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    // TLS is the reverse proxy's business; a plain-HTTP loopback server must not pin browsers to HTTPS.
    strictTransportSecurity: false,
    // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on the page's own form posts.
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
  const machinePaths = options.machinePaths ?? new Set<string>();
  const headers: RequestHandler = (req, res, next) => {
    if (!machinePaths.has(req.path)) return pageHeaders(req, res, next);
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  };

  const hosts: RequestHandler = (req, res, next) => {
    if (!isLocalSurface(req.path)) return next();
    const host = hostnameOf(req.get('host') ?? '');
    if (!known(host)) {
      logger.warn({ host: req.get('host'), path: req.path }, 'request for another host refused (DNS rebinding?)');
      return void res.status(421).json({ error: 'This server does not answer for that host name.' });
    }
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    // Another port on this machine is another origin too, so the whole host:port must match.
    const otherOrigin = origin !== undefined && origin.replace(/^https?:\/\//, '').toLowerCase() !== (req.get('host') ?? '').toLowerCase();
    const otherSite = site !== undefined ? site !== 'same-origin' && site !== 'none' : false;
    if (UNSAFE.has(req.method) && (otherOrigin || otherSite)) {
      logger.warn({ origin, site, path: req.path }, 'cross-site request refused');
      return void res.status(403).json({ error: 'Cross-site requests are not accepted here.' });
    }
    next();
  };

  const limiter = rateLimit({
    windowMs: 60_000,
    limit: options.perMinute ?? 600,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    message: { error: 'Too many requests; please wait a minute.' },
  });
  const logins = rateLimit({ windowMs: 60_000, limit: 20, standardHeaders: 'draft-8', legacyHeaders: false, message: { error: 'Too many login attempts; please wait a minute.' } });
  // The person at this machine is not limited (the benchmarks drive the playground from here); everyone else is.
  const limits: RequestHandler = (req, res, next) => {
    if (!isLocalSurface(req.path) || isLoopbackAddress(req.socket.remoteAddress)) return next();
    if (req.path === '/local/login') return void logins(req, res, next);
    void limiter(req, res, next);
  };

  const csrf: RequestHandler = (req, res, next) => {
    if (!isLocalSurface(req.path)) return next();
    let token = cookieOf(req, CSRF_COOKIE);
    if (!token || !/^[\w-]{32,64}$/.test(token)) {
      token = randomBytes(24).toString('base64url');
      res.append('set-cookie', `${CSRF_COOKIE}=${token}; Path=/; SameSite=Strict`);
    }
    res.locals.csrfToken = token;
    // The embedded Graph takes JSON only, which a cross-site page cannot send without a CORS preflight nobody answers.
    // The login form is the one write that comes before any page (the Origin check in `hosts` still applies).
    if (!UNSAFE.has(req.method) || req.path.startsWith('/local/graph/') || req.path === '/local/login' || !fromBrowser(req)) return next();
    const given = tokenIn(req);
    const expected = cookieOf(req, CSRF_COOKIE);
    if (given && expected && same(given, expected)) return next();
    logger.warn({ path: req.path }, 'browser request without a matching CSRF token refused');
    res.status(403).json({ error: 'This page is out of date; reload it and try again.' });
  };

  return { headers, hosts, limits, csrf };
}
