// Graph call-event notifications: the webhook (validation handshake, clientState check, 202) and the subscription.
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { CallEvent } from '../../src/lifecycle/types';
import type { Logger } from '../../src/meetings/ports';
import type { GraphClient } from './client';
import { callEventsResource, notificationEnvelopeSchema, toCallEvent } from './call-events';
import { translateGraphError } from './errors';

export { callEventsResource, joinUrlFromResource, toCallEvent } from './call-events';

/** What the webhook needs. */
export interface NotificationsHandlerOptions {
  /** Receives the events of one delivery; runs after the 202 is sent, its failures are logged. */
  readonly onEvents: (events: CallEvent[]) => Promise<void>;
  /** The secret given at subscription; items carrying another one are dropped. */
  readonly clientState: string;
  readonly logger: Logger;
}

const MAX_BODY = 1_000_000;

async function readBody(req: Request): Promise<unknown> {
  // Accept a body already parsed by express.json(), a raw buffer, or the bare stream.
  if (req.body !== undefined && !(Buffer.isBuffer(req.body) || typeof req.body === 'string')) return req.body as unknown;
  let text: string;
  if (Buffer.isBuffer(req.body) || typeof req.body === 'string') text = req.body.toString();
  else {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) throw new Error('body too large');
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8');
  }
  return JSON.parse(text) as unknown;
}

function badRequest(res: Response, message: string): void {
  res.status(400).type('text/plain').send(message);
}

/** The Express handler for POST /api/graph/notifications. */
export function createNotificationsHandler(opts: NotificationsHandlerOptions): RequestHandler {
  return async (req, res) => {
    const token = req.query.validationToken;
    if (typeof token === 'string') {
      // Graph's subscription handshake: echo the token as plain text within 10 s.
      res.status(200).type('text/plain').send(token);
      return;
    }
    let body: unknown;
    try {
      body = await readBody(req);
    } catch {
      badRequest(res, 'Invalid notification: the body must be JSON.');
      return;
    }
    const envelope = notificationEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      badRequest(res, 'Invalid notification: expected {"value":[…]} with a resource per item.');
      return;
    }
    const trusted = envelope.data.value.filter((item) => item.clientState === opts.clientState);
    if (trusted.length < envelope.data.value.length) {
      opts.logger.warn({ dropped: envelope.data.value.length - trusted.length }, 'graph notification with a wrong clientState dropped');
    }
    if (trusted.length === 0 && envelope.data.value.length > 0) {
      res.status(403).type('text/plain').send('Unknown clientState.');
      return;
    }
    const events: CallEvent[] = [];
    for (const item of trusted) {
      const parsed = toCallEvent(item);
      if (!parsed.ok) {
        badRequest(res, `Invalid notification: ${String(parsed.params.detail ?? parsed.code)}.`);
        return;
      }
      if (parsed.value) events.push(parsed.value);
      else opts.logger.debug({ subscriptionId: item.subscriptionId }, 'graph notification without a readable call event skipped');
    }
    // Graph wants an answer within seconds; the bot's work happens after it.
    res.status(202).end();
    if (events.length === 0) return;
    opts.onEvents(events).catch((error: unknown) => opts.logger.error({ err: error }, 'handling graph call events failed'));
  };
}

/** A created subscription. */
export interface Subscription {
  readonly id: string;
  readonly expirationDateTime: Date;
}

const subscriptionSchema = z.object({ id: z.string().min(1), expirationDateTime: z.string() });

/** Longest lifetime Graph allows for meeting call events (3 days), less a margin for clock skew. */
export const MAX_SUBSCRIPTION_MS = 3 * 24 * 3_600_000 - 5 * 60_000;

/** Options for a call-events subscription. */
export interface SubscribeOptions {
  readonly now?: Date;
  readonly lifetimeMs?: number;
  /** For Graph's rich notifications (resource data encrypted to this certificate). */
  readonly encryptionCertificate?: { readonly base64: string; readonly id: string };
}

/** Subscribes to one meeting's call events (POST /subscriptions; Graph validates the notification URL first). */
export async function subscribeCallEvents(graph: GraphClient, joinUrl: string, notificationUrl: string, clientState: string, opts: SubscribeOptions = {}): Promise<Subscription> {
  const now = opts.now ?? new Date();
  const lifetime = Math.min(opts.lifetimeMs ?? MAX_SUBSCRIPTION_MS, MAX_SUBSCRIPTION_MS);
  const cert = opts.encryptionCertificate;
  const body = {
    changeType: 'updated',
    notificationUrl,
    resource: callEventsResource(joinUrl),
    expirationDateTime: new Date(now.getTime() + lifetime).toISOString(),
    clientState,
    ...(cert ? { includeResourceData: true, encryptionCertificate: cert.base64, encryptionCertificateId: cert.id } : {}),
  };
  // Microsoft's Graph serves meeting call events on beta only; other Graph-compatible services keep their version.
  const request = graph.client.api('/subscriptions');
  if (new URL(graph.root).hostname.endsWith('graph.microsoft.com') && graph.version === 'v1.0') request.version('beta');
  try {
    const created = subscriptionSchema.parse(await request.post(body));
    return { id: created.id, expirationDateTime: new Date(created.expirationDateTime) };
  } catch (error) {
    throw translateGraphError(error, { meetingId: joinUrl });
  }
}
