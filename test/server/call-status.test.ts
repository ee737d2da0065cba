// Live call status with a real-Graph setup: the notification certificate setting, rich subscriptions, encrypted deliveries.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../adapters/config';
import { callEventsResource } from '../../adapters/graph/call-events';
import { createMemoryRepo, startLocalGraphServer, type LocalGraphServer } from '../../adapters/graph/local';
import { createServer } from '../../adapters/server';
import { encryptAsGraph, selfSignedCertificate } from '../graph/certificate';
import { person } from '../graph/helpers';
import { startTestServer, type TestServer } from './start';

const WARNING = /GRAPH_NOTIFICATION_CERTIFICATE_PATH is not set/;

describe('live call status configuration', function () {
  this.timeout(30_000);
  let dir: string;
  let t: TestServer | undefined;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'meetbot-callstatus-'))));
  afterEach(async () => {
    await t?.stop();
    t = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses GRAPH_NOTIFICATION_CERTIFICATE_PATH without Graph, and keeps it with Graph', () => {
    const local = loadConfig({ GRAPH_NOTIFICATION_CERTIFICATE_PATH: '/x.pem' });
    assert.ok(!local.ok && local.errors.some((e) => /^GRAPH_NOTIFICATION_CERTIFICATE_PATH is set, but Graph is not configured/.test(e)));
    const remote = loadConfig({ GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0', GRAPH_NOTIFICATION_CERTIFICATE_PATH: '/x.pem' });
    assert.ok(remote.ok && remote.config.graph.kind === 'remote' && remote.config.graph.notificationCertificatePath === '/x.pem');
  });

  it('does not start with a missing or unreadable certificate file, and says which setting is wrong', async () => {
    const loaded = loadConfig({ GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0', GRAPH_NOTIFICATION_CERTIFICATE_PATH: join(dir, 'missing.pem'), MEETBOT_DB: join(dir, 'm.db') });
    assert.ok(loaded.ok);
    await assert.rejects(createServer(loaded.config, { env: {} }), /^Error: GRAPH_NOTIFICATION_CERTIFICATE_PATH: cannot read .*missing\.pem \(ENOENT\)/);
    writeFileSync(join(dir, 'half.pem'), selfSignedCertificate().pem.replace(/-----BEGIN PRIVATE KEY-----[\s\S]+$/, ''));
    const half = loadConfig({ GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0', GRAPH_NOTIFICATION_CERTIFICATE_PATH: join(dir, 'half.pem'), MEETBOT_DB: join(dir, 'm.db') });
    assert.ok(half.ok);
    await assert.rejects(createServer(half.config, { env: {} }), /GRAPH_NOTIFICATION_CERTIFICATE_PATH: .*half\.pem: the file holds no "BEGIN PRIVATE KEY" block/);
  });

  it('warns once at start that Microsoft Graph without a certificate means no live call status', async () => {
    t = await startTestServer({ GRAPH_BASE_URL: 'https://graph.microsoft.com/v1.0' });
    assert.equal(t.logs().filter((l) => WARNING.test(String(l.msg))).length, 1);
  });

  it('does not warn for the local service or another Graph-compatible service', async () => {
    t = await startTestServer({});
    assert.equal(t.logs().filter((l) => WARNING.test(String(l.msg))).length, 0);
    await t.stop();
    t = await startTestServer({ GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0' });
    assert.equal(t.logs().filter((l) => WARNING.test(String(l.msg))).length, 0);
  });
});

describe('rich call-event notifications through the server', function () {
  this.timeout(30_000);
  let dir: string;
  let graph: LocalGraphServer;
  let t: TestServer;
  const bodies: Array<Record<string, unknown>> = [];
  const cert = selfSignedCertificate();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-rich-'));
    writeFileSync(join(dir, 'notifications.pem'), cert.pem);
    graph = await startLocalGraphServer({ repo: createMemoryRepo() });
    const spy: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/subscriptions')) bodies.push((await request.clone().json()) as Record<string, unknown>);
      return fetch(input, init);
    };
    t = await startTestServer({ LOG_LEVEL: 'info', GRAPH_BASE_URL: graph.url, GRAPH_NOTIFICATION_CERTIFICATE_PATH: join(dir, 'notifications.pem') }, { fetch: spy });
  });
  after(async () => {
    await t?.stop();
    await graph?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribes with includeResourceData and the public certificate, then accepts encrypted deliveries and drops forged ones', async () => {
    const start = new Date(Date.now() + 86_400_000);
    const { meeting } = await t.server.backend.meetings.createOrGet({ externalId: 'rich-1', organizer: person('alice'), subject: 'Rich', start, end: new Date(start.getTime() + 1_800_000), attendees: [] });
    await t.server.backend.subscriptions.create(meeting.joinUrl, new Date());
    const body = bodies.at(-1);
    assert.equal(body?.includeResourceData, true);
    assert.equal(body?.encryptionCertificate, cert.certificate.raw.toString('base64'));
    const id = String(body?.encryptionCertificateId);
    assert.match(id, /^meetbot-/);

    const event = { '@odata.type': '#microsoft.graph.callEvent', id: 'call-1', eventType: 'callStarted', eventDateTime: new Date().toISOString() };
    const item = (encryptedContent: Record<string, string>) => ({
      subscriptionId: 's1', clientState: t.server.backend.clientState, changeType: 'updated', resource: callEventsResource(meeting.joinUrl),
      resourceData: { '@odata.type': '#microsoft.graph.callEvent', id: 'call-1' }, encryptedContent,
    });
    const post = (value: unknown[]) => fetch(`${t.url}/api/graph/notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value, validationTokens: ['a.b.c'] }) });
    const dropped = () => t.logs().filter((l) => l.msg === 'encrypted graph notification dropped');

    assert.equal((await post([item(encryptAsGraph(event, cert.certificate, id))])).status, 202);
    assert.equal(dropped().length, 0);
    const forged = { ...encryptAsGraph(event, cert.certificate, id), dataSignature: Buffer.alloc(32).toString('base64') };
    assert.equal((await post([item(forged)])).status, 202);
    assert.equal((await post([item(encryptAsGraph(event, cert.certificate, 'old-certificate'))])).status, 202);
    assert.deepEqual(dropped().map((l) => l.reason), ['dataSignature does not match', 'encrypted for another certificate id']);
  });
});
