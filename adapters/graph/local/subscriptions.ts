// POST/GET/PATCH/DELETE /subscriptions for meetingCallEvents (graph.md §3.2), with Graph's validation handshake.
import { json, noContent, type LocalContext } from './context';
import { badRequest, GraphHttpError, methodNotAllowed } from './errors';
import type { ExtraRoute } from './dispatch';
import { graphDate } from './format';
import { isObject, type GraphRequest } from './http-types';
import { newGuid } from './ids';
import { joinTokenOf } from './meetings';
import type { LocalSubscription } from './repo';

/** Graph's limit for meetingCallEvents subscriptions: 3 days. */
const MAX_MINUTES = 4320;
/** Expired subscriptions deleted per new one: bounded work per request, and more than can expire between two requests. */
const PRUNE_BATCH = 100;
const RESOURCE = /^\/?communications\/onlineMeetings\(joinWebUrl='(.+)'\)\/meetingCallEvents$/i;

/** The join token a subscription resource points at, or undefined when the resource is not a meetingCallEvents one. */
export function subscriptionJoinToken(ctx: LocalContext, resource: string): string | undefined {
  const m = RESOURCE.exec(resource);
  if (!m || !m[1]) return undefined;
  return joinTokenOf(ctx, m[1]);
}

function render(req: GraphRequest, s: LocalSubscription, entity = true): Record<string, unknown> {
  return {
    ...(entity ? { '@odata.context': `${req.serviceRoot}/$metadata#subscriptions/$entity` } : {}),
    id: s.id,
    resource: s.resource,
    applicationId: '00000000-0000-0000-0000-000000000000',
    changeType: s.changeType,
    // Like Graph: the secret goes out only inside notifications, never in an answer anyone who can list subscriptions reads.
    clientState: null,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: null,
    expirationDateTime: graphDate(s.expirationDateTime),
    creatorId: '00000000-0000-0000-0000-000000000000',
    includeResourceData: false,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

function expiration(ctx: LocalContext, v: unknown): Date {
  const d = typeof v === 'string' ? new Date(v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw badRequest("'expirationDateTime' must be an ISO 8601 date and time.");
  const now = ctx.now().getTime();
  if (d.getTime() <= now) throw badRequest('Subscription expiration must be in the future.');
  if (d.getTime() > now + MAX_MINUTES * 60_000) throw badRequest(`Subscription expiration can only be ${MAX_MINUTES} minutes in the future.`);
  return d;
}

/** Graph's handshake: POST notificationUrl?validationToken=…, expect 200 text/plain echoing the token within 10 s. */
async function validate(url: string, fetchFn: typeof fetch): Promise<void> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${newGuid()}`;
  const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
  let ok: boolean;
  try {
    const res = await fetchFn(target, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '', signal: AbortSignal.timeout(10_000) });
    ok = res.status === 200 && (await res.text()) === token;
  } catch {
    ok = false;
  }
  if (!ok) throw badRequest('Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.');
}

/** The /subscriptions route. */
export function subscriptionsRoute(ctx: LocalContext, fetchFn: typeof fetch, allowsNotificationUrl: (url: URL) => boolean): ExtraRoute {
  return async (req) => {
    const [head, id, ...rest] = req.segments;
    if (head !== 'subscriptions' || rest.length) return undefined;
    if (id === undefined && req.method === 'GET') {
      // Graph deletes subscriptions once they expire, so only live ones are listed.
      const live = await ctx.repo.listSubscriptions(ctx.now());
      return json(200, { '@odata.context': `${req.serviceRoot}/$metadata#subscriptions`, value: live.map((s) => render(req, s, false)) }, req.requestId);
    }
    if (id === undefined && req.method === 'POST') {
      const b = req.body;
      if (!isObject(b)) throw badRequest('The request body must be a JSON subscription object.');
      if (typeof b.changeType !== 'string' || !b.changeType.split(',').map((s) => s.trim()).includes('updated')) {
        throw badRequest("meetingCallEvents subscriptions need changeType 'updated'.");
      }
      if (typeof b.notificationUrl !== 'string' || !/^https?:\/\/\S+$/.test(b.notificationUrl) || !URL.canParse(b.notificationUrl)) throw badRequest("'notificationUrl' must be an http(s) URL.");
      if (!allowsNotificationUrl(new URL(b.notificationUrl))) {
        throw badRequest("'notificationUrl' must be on this server's own origin (or MEETBOT_PUBLIC_URL): the local service posts nowhere else.");
      }
      if (typeof b.resource !== 'string') throw badRequest("'resource' is required.");
      const token = subscriptionJoinToken(ctx, b.resource);
      if (!token) throw badRequest(`Unsupported resource '${b.resource}'. Use communications/onlineMeetings(joinWebUrl='{URL-encoded joinWebUrl}')/meetingCallEvents.`);
      if (!(await ctx.repo.findByJoinToken(token))) throw new GraphHttpError(404, 'NotFound', 'No online meeting has that joinWebUrl.');
      const exp = expiration(ctx, b.expirationDateTime);
      if (b.clientState !== undefined && (typeof b.clientState !== 'string' || b.clientState.length > 128)) throw badRequest("'clientState' must be a string of at most 128 characters.");
      // Real Graph requires an https notificationUrl; the local service also accepts http on this machine.
      await validate(b.notificationUrl, fetchFn);
      const sub: LocalSubscription = {
        id: newGuid(),
        resource: b.resource,
        changeType: b.changeType,
        notificationUrl: b.notificationUrl,
        clientState: typeof b.clientState === 'string' ? b.clientState : null,
        expirationDateTime: exp,
        createdAt: ctx.now(),
        joinToken: token,
      };
      await ctx.repo.pruneSubscriptions(ctx.now(), PRUNE_BATCH);
      await ctx.repo.saveSubscription(sub);
      return json(201, render(req, sub), req.requestId);
    }
    if (id === undefined) throw methodNotAllowed(req.method);
    const found = await ctx.repo.getSubscription(id);
    // An expired subscription is gone in Graph (renewing it gets 404 and the client subscribes again), pruned or not.
    const existing = found && found.expirationDateTime.getTime() > ctx.now().getTime() ? found : undefined;
    if (!existing) throw new GraphHttpError(404, 'ResourceNotFound', `The subscription '${id}' does not exist.`);
    if (req.method === 'GET') return json(200, render(req, existing), req.requestId);
    if (req.method === 'DELETE') {
      await ctx.repo.deleteSubscription(id);
      return noContent(req.requestId);
    }
    if (req.method === 'PATCH') {
      if (!isObject(req.body)) throw badRequest('The request body must be a JSON object.');
      const next = { ...existing, expirationDateTime: expiration(ctx, req.body.expirationDateTime) };
      await ctx.repo.saveSubscription(next);
      return json(200, render(req, next), req.requestId);
    }
    throw methodNotAllowed(req.method);
  };
}
