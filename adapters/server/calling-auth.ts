// Who may post to /api/calls: Microsoft's calling service, proven by the bearer token it signs each notification
// with (issuer, audience = our app id, signature against the keys its OpenID configuration publishes), as the Bot
// Framework checks its own tokens. Keys are cached and fetched again when a token names a key we do not have.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';

/** Where Microsoft publishes the calling service's signing keys (graph.md §4; the Graph communications samples). */
export const CALLING_OPENID_URL = 'https://api.aps.skype.com/v1/.well-known/OpenIdConfiguration';
/** The issuers calling notifications carry. */
export const CALLING_ISSUERS = ['https://api.botframework.com', 'https://graph.microsoft.com'] as const;

/** What the check needs. */
export interface CallingAuthOptions {
  /** The bot's app id (MICROSOFT_APP_ID): the audience every token must name. */
  readonly appId: string;
  readonly openIdUrl?: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  /** How long fetched keys are trusted before they are fetched again (default 24 h). */
  readonly keysTtlMs?: number;
  /** A key trusted beside the published ones (the embedded local service's, in local mode with credentials). */
  readonly extraKey?: { readonly kid: string; readonly key: KeyObject };
}

/** A verdict on one request: accepted with its tenant, or refused with the reason to log. */
export type CallingAuthResult = { readonly ok: true; readonly tenantId?: string } | { readonly ok: false; readonly reason: string };

const openIdSchema = z.object({ jwks_uri: z.string().url() });
const jwksSchema = z.object({ keys: z.array(z.object({ kid: z.string().optional(), kty: z.string() }).passthrough()) });
const claimsSchema = z.object({ tid: z.string().optional() }).passthrough();

/** Checks `Authorization` headers of calling notifications. */
export function createCallingAuth(opts: CallingAuthOptions): (authorization: string | undefined) => Promise<CallingAuthResult> {
  const fetchFn = opts.fetch ?? fetch;
  const now = opts.now ?? (() => new Date());
  const ttl = opts.keysTtlMs ?? 24 * 3600_000;
  let keys: Map<string, KeyObject> | undefined;
  let fetchedAt = 0;
  let loading: Promise<Map<string, KeyObject>> | undefined;

  async function load(): Promise<Map<string, KeyObject>> {
    const meta = openIdSchema.parse(await (await fetchFn(opts.openIdUrl ?? CALLING_OPENID_URL, { signal: AbortSignal.timeout(10_000) })).json());
    const set = jwksSchema.parse(await (await fetchFn(meta.jwks_uri, { signal: AbortSignal.timeout(10_000) })).json());
    const found = new Map<string, KeyObject>();
    for (const key of set.keys) {
      if (key.kty !== 'RSA' || !key.kid) continue;
      try {
        found.set(key.kid, createPublicKey({ key: key as JsonWebKey, format: 'jwk' }));
      } catch {
        // A key we cannot read signs nothing we accept.
      }
    }
    return found;
  }

  async function keyFor(kid: string): Promise<KeyObject | undefined> {
    if (opts.extraKey?.kid === kid) return opts.extraKey.key;
    const fresh = keys && now().getTime() - fetchedAt < ttl;
    if (fresh && keys?.has(kid)) return keys.get(kid);
    // Unknown key or stale set: fetch once (concurrent requests share the fetch), at most once a minute for unknown kids.
    if (!fresh || now().getTime() - fetchedAt > 60_000) {
      loading ??= load().finally(() => (loading = undefined));
      keys = await loading;
      fetchedAt = now().getTime();
    }
    return keys?.get(kid);
  }

  return async function check(authorization) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return { ok: false, reason: 'no bearer token' };
    const decoded = jwt.decode(token, { complete: true });
    const kid = decoded && typeof decoded.header.kid === 'string' ? decoded.header.kid : undefined;
    if (!kid) return { ok: false, reason: 'the token names no signing key' };
    let key: KeyObject | undefined;
    try {
      key = await keyFor(kid);
    } catch (err) {
      return { ok: false, reason: `could not read the calling service's signing keys: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (!key) return { ok: false, reason: 'the token is signed with a key the calling service does not publish' };
    try {
      const claims = jwt.verify(token, key, {
        algorithms: ['RS256'],
        issuer: [...CALLING_ISSUERS],
        audience: opts.appId,
        clockTimestamp: Math.floor(now().getTime() / 1000),
        clockTolerance: 300,
      });
      const tid = claimsSchema.safeParse(claims).data?.tid;
      return tid ? { ok: true, tenantId: tid } : { ok: true };
    } catch (err) {
      return { ok: false, reason: err instanceof Error ? err.message : 'invalid token' };
    }
  };
}
