// Graph call-event notifications: the webhook (validation handshake, clientState check, decryption, 202).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { CallEvent, Logger } from '../../src/bot-api';
import { notificationEnvelopeSchema, toCallEvent, type GraphNotification } from './call-events';
import { decryptContent, type NotificationCertificate } from './encryption';

/** What the webhook needs. */
export interface NotificationsHandlerOptions {
  /** Receives the events of one delivery; runs after the 202 is sent, its failures are logged (unless `record` is given). */
  readonly onEvents?: (events: CallEvent[]) => Promise<void>;
  /**
   * Records the events of one delivery (as a job) before the 202; then `onEvents` is not called. A failure answers
   * 503, so Graph delivers them again later.
   */
  readonly record?: (events: CallEvent[]) => Promise<void>;
  /**
   * The clientState secret stored with subscription `subscriptionId`, or undefined when it is not one of ours. Each
   * item must carry its own subscription's secret; the others are dropped. May throw (the store is down): then the
   * delivery is answered 503 and Graph delivers it again later.
   */
  readonly clientStateOf: (subscriptionId: string) => Promise<string | undefined>;
  readonly logger: Logger;
  /** Decrypts rich notifications (`encryptedContent`); without it encrypted items carry no readable event. */
  readonly certificate?: NotificationCertificate;
}

/** The largest notification body accepted (Graph batches stay far below it). */
export const NOTIFICATIONS_BODY_LIMIT = 1_000_000;
const MAX_BODY = NOTIFICATIONS_BODY_LIMIT;

class TooLarge extends Error {}

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
      if (size > MAX_BODY) throw new TooLarge('body too large');
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8');
  }
  return JSON.parse(text) as unknown;
}

/**
 * The item with its decrypted call event as `resourceData`, or undefined when it must be dropped. Items that cannot be
 * decrypted are dropped, not refused: an error answer only makes Graph retry the same undecryptable delivery.
 */
function decrypted(item: GraphNotification, opts: NotificationsHandlerOptions): GraphNotification | undefined {
  if (item.encryptedContent === undefined || !opts.certificate) return item;
  const result = decryptContent(item.encryptedContent, opts.certificate);
  if (result.ok && typeof result.value === 'object' && result.value !== null && !Array.isArray(result.value)) {
    return { ...item, resourceData: result.value as Record<string, unknown> };
  }
  const reason = result.ok ? 'the decrypted resource data is not an object' : result.reason;
  opts.logger.warn({ subscriptionId: item.subscriptionId, reason }, 'encrypted graph notification dropped');
  return undefined;
}

/** Constant-time comparison; hashing first gives equal lengths, so not even the secret's length leaks. */
function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

type Refusal = 'unknown subscription' | 'wrong clientState';

/** The items whose clientState is their own subscription's secret; the others are logged (ids only) and left out. */
async function trustedItems(items: readonly GraphNotification[], opts: NotificationsHandlerOptions): Promise<GraphNotification[]> {
  const secrets = new Map<string, Promise<string | undefined>>();
  const secretOf = (id: string): Promise<string | undefined> => {
    let found = secrets.get(id);
    if (!found) secrets.set(id, (found = opts.clientStateOf(id)));
    return found;
  };
  const trusted: GraphNotification[] = [];
  const refused = new Map<Refusal, Set<string>>();
  for (const item of items) {
    const id = item.subscriptionId ?? '';
    const expected = id ? await secretOf(id) : undefined;
    const refusal: Refusal | undefined = expected === undefined ? 'unknown subscription' : sameSecret(item.clientState, expected) ? undefined : 'wrong clientState';
    if (!refusal) {
      trusted.push(item);
      continue;
    }
    const ids = refused.get(refusal) ?? new Set<string>();
    ids.add(id);
    refused.set(refusal, ids);
  }
  for (const [reason, ids] of refused) {
    opts.logger.warn({ reason, subscriptionIds: [...ids].slice(0, 10) }, 'graph notification refused: its clientState is not the secret of its subscription');
  }
  return trusted;
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
    if (req.headers['content-length'] !== '0' && req.headers['content-type'] !== undefined && !req.is(['application/json', 'application/*+json'])) {
      res.status(415).type('text/plain').send('Invalid notification: send it as application/json.');
      return;
    }
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (error) {
      if (error instanceof TooLarge) {
        // Stop reading: the rest of an oversized body is not worth receiving.
        res.setHeader('connection', 'close');
        res.status(413).type('text/plain').send('Invalid notification: the body is larger than 1 MB.');
        return;
      }
      opts.logger.debug({ err: error }, 'graph notification body is not JSON');
      badRequest(res, 'Invalid notification: the body must be JSON.');
      return;
    }
    const envelope = notificationEnvelopeSchema.safeParse(body);
    if (!envelope.success) {
      badRequest(res, 'Invalid notification: expected {"value":[…]} with a resource per item.');
      return;
    }
    // Rich notifications also carry `validationTokens`, JWTs signed by Microsoft. Checking them needs Microsoft's
    // signing keys from the network, which this handler does not fetch; the clientState secret of each subscription,
    // known only to Graph and us, is what authenticates a delivery here, and encrypted content additionally must
    // verify under our key.
    let trusted: GraphNotification[];
    try {
      trusted = await trustedItems(envelope.data.value, opts);
    } catch (error) {
      opts.logger.error({ err: error }, 'could not look up the secrets of graph notification subscriptions');
      res.status(503).type('text/plain').send('Try again later.');
      return;
    }
    if (trusted.length === 0 && envelope.data.value.length > 0) {
      res.status(403).type('text/plain').send('Unknown subscription or clientState.');
      return;
    }
    const events: CallEvent[] = [];
    for (const raw of trusted) {
      const item = decrypted(raw, opts);
      if (!item) continue;
      const parsed = toCallEvent(item);
      if (!parsed.ok) {
        badRequest(res, `Invalid notification: ${String(parsed.params.detail ?? parsed.code)}.`);
        return;
      }
      if (parsed.value) events.push(parsed.value);
      else opts.logger.debug({ subscriptionId: item.subscriptionId }, 'graph notification without a readable call event skipped');
    }
    if (opts.record && events.length > 0) {
      try {
        await opts.record(events);
      } catch (error) {
        opts.logger.error({ err: error }, 'could not record graph call events; Graph will deliver them again');
        res.status(503).type('text/plain').send('Try again later.');
        return;
      }
      res.status(202).end();
      return;
    }
    // Graph wants an answer within seconds; the bot's work happens after it.
    res.status(202).end();
    if (events.length === 0) return;
    opts.onEvents?.(events).catch((error: unknown) => opts.logger.error({ err: error }, 'handling graph call events failed'));
  };
}
