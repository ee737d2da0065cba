import { strict as assert } from 'node:assert';
import express from 'express';
import type { CallEvent } from '../../src/lifecycle/types';
import type { Logger } from '../../src/meetings/ports';
import { callEventsResource } from '../../adapters/graph/call-events';
import { createNotificationsHandler } from '../../adapters/graph/notifications';
import { parseNotificationCertificate } from '../../adapters/graph/encryption';
import { encryptAsGraph, selfSignedCertificate } from './certificate';
import { listen } from './helpers';

const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NTg0NmQ3NTc%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%2c%22Oid%22%3a%22550fae72%22%7d';
const CLIENT_STATE = 'secret-client-state';
const SUBSCRIPTION_ID = '7f105c7d-2dc5-4530-97cd-4e7ae6534c07';
const test = selfSignedCertificate();
const cert = parseNotificationCertificate(test.pem);

const callEvent = (eventType: string, extra: Record<string, unknown> = {}) => ({
  '@odata.type': '#microsoft.graph.callEvent',
  '@odata.id': `${callEventsResource(JOIN_URL)}('a9d2f1c0')`,
  id: 'a9d2f1c0-7b3e-4e55-9c1a-2f6e8d4b3c10',
  eventType,
  eventDateTime: '2026-11-27T10:00:05.1234567Z',
  ...extra,
});

/** One item as Graph sends it for a rich subscription: only the ids in resourceData, the event in encryptedContent. */
function item(payload: unknown, content: Record<string, string> = encryptAsGraph(payload, test.certificate, cert.id)) {
  return {
    subscriptionId: SUBSCRIPTION_ID,
    clientState: CLIENT_STATE,
    changeType: 'updated',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    organizationId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    resource: callEventsResource(JOIN_URL),
    subscriptionExpirationDateTime: '2026-11-30T10:00:00.0000000Z',
    resourceData: { '@odata.type': '#microsoft.graph.callEvent', '@odata.id': 'x', id: 'a9d2f1c0' },
    encryptedContent: content,
  };
}

async function serve() {
  const received: CallEvent[][] = [];
  const warnings: Array<Record<string, unknown>> = [];
  const logger: Logger = { debug() {}, info() {}, warn: (obj) => void warnings.push(obj as Record<string, unknown>), error() {} };
  let delivered: () => void = () => undefined;
  const app = express();
  app.use(express.json());
  app.post('/api/graph/notifications', createNotificationsHandler({ clientStateOf: async (id) => (id === SUBSCRIPTION_ID ? CLIENT_STATE : undefined), certificate: cert, logger, onEvents: async (events) => void (received.push(events), delivered()) }));
  const server = await listen(app);
  const post = async (value: unknown[]) => {
    const res = await fetch(`${server.url}/api/graph/notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value, validationTokens: ['eyJ0eXAiOiJKV1Qi.e30.sig'] }) });
    return { status: res.status, body: await res.text() };
  };
  const next = () => new Promise<void>((resolve) => (delivered = resolve));
  return { received, warnings, post, next, close: server.close };
}

describe('graph rich (encrypted) call-event notifications over HTTP', () => {
  it('decrypts a roster update and hands the CallEvent on', async () => {
    const s = await serve();
    try {
      const got = s.next();
      const roster = callEvent('rosterUpdated', {
        'participants@delta': [
          { id: 'p1', info: { identity: { user: { id: 'u1', displayName: 'Alice Johnson', tenantId: 't' } } }, isInLobby: false },
          { id: 'p2', info: { identity: { user: { id: 'u2', displayName: 'Bob Lee', tenantId: 't' } } }, isInLobby: false, removedState: { reason: 'Participant has left the meeting call.' } },
        ],
      });
      assert.equal((await s.post([item(roster)])).status, 202);
      await got;
      const [event] = s.received[0] ?? [];
      assert.equal(event?.kind, 'rosterUpdated');
      if (event?.kind !== 'rosterUpdated') return;
      assert.equal(event.joinUrl, JOIN_URL);
      assert.equal(event.at.toISOString(), '2026-11-27T10:00:05.123Z');
      assert.deepEqual(event.joined.map((u) => u.displayName), ['Alice Johnson']);
      assert.deepEqual(event.left.map((u) => u.id), ['u2']);
      assert.deepEqual(s.warnings, []);
    } finally {
      await s.close();
    }
  });

  it('drops an item whose signature was tampered with, answers 202, logs a warning, and keeps the good items', async () => {
    const s = await serve();
    try {
      const got = s.next();
      const forged = { ...encryptAsGraph(callEvent('callEnded'), test.certificate, cert.id), dataSignature: Buffer.alloc(32, 7).toString('base64') };
      const res = await s.post([item(callEvent('callEnded'), forged), item(callEvent('callStarted'))]);
      assert.equal(res.status, 202);
      await got;
      assert.deepEqual(s.received.flat().map((e) => e.kind), ['callStarted']);
      assert.deepEqual(s.warnings.map((w) => w.reason), ['dataSignature does not match']);
    } finally {
      await s.close();
    }
  });

  it('drops an item encrypted for another certificate id, without a 500 or an event', async () => {
    const s = await serve();
    try {
      const res = await s.post([item(callEvent('callStarted'), encryptAsGraph(callEvent('callStarted'), test.certificate, 'retired-certificate'))]);
      assert.equal(res.status, 202);
      assert.deepEqual(s.received, []);
      assert.deepEqual(s.warnings.map((w) => w.reason), ['encrypted for another certificate id']);
    } finally {
      await s.close();
    }
  });

  it('drops garbage in encryptedContent the same way', async () => {
    const s = await serve();
    try {
      const res = await s.post([item(callEvent('callStarted'), { data: '!!', dataSignature: 'x', dataKey: 'y', encryptionCertificateId: cert.id })]);
      assert.equal(res.status, 202);
      assert.deepEqual(s.received, []);
      assert.equal(s.warnings.length, 1);
    } finally {
      await s.close();
    }
  });
});
