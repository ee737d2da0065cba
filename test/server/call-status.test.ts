// Live call status with a real-Graph setup: the notification certificate setting, rich subscriptions, encrypted
// deliveries; and call status that survives a restart with rotated secrets (each subscription has its own secret).
import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../adapters/config';
import { callEventsResource } from '../../adapters/graph/call-events';
import { createMemoryRepo, startLocalGraphServer, type LocalGraphServer } from '../../adapters/graph/local';
import { createServer } from '../../adapters/server';
import { openStore } from '../../adapters/store';
import { encryptAsGraph, selfSignedCertificate } from '../graph/certificate';
import { person } from '../graph/helpers';
import { FakeSlack } from '../slack/fake-slack';
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
  let db: string;
  const bodies: Array<Record<string, unknown>> = [];
  const cert = selfSignedCertificate();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-rich-'));
    writeFileSync(join(dir, 'notifications.pem'), cert.pem);
    db = join(dir, 'meetbot.db');
    graph = await startLocalGraphServer({ repo: createMemoryRepo() });
    const spy: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.method === 'POST' && new URL(request.url).pathname.endsWith('/subscriptions')) bodies.push((await request.clone().json()) as Record<string, unknown>);
      return fetch(input, init);
    };
    t = await startTestServer({ LOG_LEVEL: 'info', MEETBOT_DB: db, GRAPH_BASE_URL: graph.url, GRAPH_NOTIFICATION_CERTIFICATE_PATH: join(dir, 'notifications.pem') }, { fetch: spy });
  });
  after(async () => {
    await t?.stop();
    await graph?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribes with includeResourceData and the public certificate, then accepts encrypted deliveries and drops forged ones', async () => {
    const start = new Date(Date.now() + 86_400_000);
    const { meeting } = await t.server.backend.meetings.createOrGet({ externalId: 'rich-1', organizer: person('alice'), subject: 'Rich', start, end: new Date(start.getTime() + 1_800_000), attendees: [] });
    const created = await t.server.backend.subscriptions.create(meeting.joinUrl, new Date());
    // Remembered as the renewer remembers the subscriptions it makes: with their own secret.
    const store = await openStore({ kind: 'sqlite', path: db });
    await store.callSubscriptions.save({ id: created.id, joinUrl: meeting.joinUrl, expiresAt: created.expirationDateTime, meetingEndsAt: meeting.end, clientState: created.clientState });
    await store.close();
    const body = bodies.at(-1);
    assert.equal(body?.clientState, created.clientState);
    assert.equal(body?.includeResourceData, true);
    assert.equal(body?.encryptionCertificate, cert.certificate.raw.toString('base64'));
    const id = String(body?.encryptionCertificateId);
    assert.match(id, /^meetbot-/);

    const event = { '@odata.type': '#microsoft.graph.callEvent', id: 'call-1', eventType: 'callStarted', eventDateTime: new Date().toISOString() };
    const item = (encryptedContent: Record<string, string>) => ({
      subscriptionId: created.id, clientState: created.clientState, changeType: 'updated', resource: callEventsResource(meeting.joinUrl),
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

/** A port nobody listens on right now, so a restarted server can come back at the same address. */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Polls `probe` until it returns something (or the test times out). */
async function until<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('live call status across a restart with rotated secrets', function () {
  this.timeout(60_000);
  let dir: string;
  let slack: FakeSlack;
  let t: TestServer | undefined;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-rotate-'));
    slack = new FakeSlack();
    slack.addUser({ id: 'UALICE', real_name: 'Alice Johnson', tz: 'America/Los_Angeles', locale: 'en-US', email: 'alice@contoso.example' });
    await slack.start();
  });
  after(async () => {
    await t?.stop();
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still updates the card from the next call event after SLACK_SIGNING_SECRET is rotated and meetbot restarts on the same database', async () => {
    const port = await freePort();
    // The local service keeps its meetings and subscriptions in the same database; the server comes back on the same
    // port, so the subscription's notificationUrl still reaches it.
    const env = (signingSecret: string) => ({
      PORT: String(port), MEETBOT_DB: join(dir, 'meetbot.db'), LOG_LEVEL: 'info',
      SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: 'xoxb-rotation-test', SLACK_API_URL: slack.apiUrl,
    });
    const before = 'first-signing-secret-5f0c2a9e';
    t = await startTestServer(env(before));
    const form = new URLSearchParams({
      token: 'unused', team_id: 'T0001', team_domain: 'contoso', channel_id: 'C0GENERAL', channel_name: 'general', user_id: 'UALICE', user_name: 'alice',
      command: '/meet', text: 'now Standup', api_app_id: 'A0MEETBOT', response_url: slack.hook('commands/1'), trigger_id: '1.2.3',
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', before).update(`v0:${ts}:${form}`).digest('hex')}`;
    const command = await fetch(`${t.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
      body: form,
    });
    assert.equal(command.status, 200);
    const posted = await until(() => slack.of('chat.postMessage')[0]);
    const joinToken = /\/local\/meetings\/([\w-]+)/.exec(JSON.stringify(posted.args))?.[1];
    assert.ok(joinToken, 'the card carries the join URL');
    const graph = `${t.url}/local/graph/v1.0`;
    await until(async () => {
      const listed = (await (await fetch(`${graph}/subscriptions`)).json()) as { value: unknown[] };
      return listed.value.length === 1 ? true : undefined;
    });
    const joinAs = async (server: TestServer, user: string) => {
      const res = await fetch(`${server.url}/local/meetings/${joinToken}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
      assert.equal(res.status, 200);
    };
    const status = (text: string) => `Status: ${text}\n`;
    const cardSays = (text: string) => until(() => (slack.of('chat.update').some((c) => c.args.channel === posted.args.channel && String(c.args.text).includes(status(text))) ? true : undefined));

    await joinAs(t, 'alice');
    await cardSays('Live now: Alice Johnson');

    await t.stop();
    // Let this process's HTTP clients see the old server's connections close before the new one takes the port.
    await new Promise((resolve) => setTimeout(resolve, 100));
    t = await startTestServer(env('second-signing-secret-71d3b8a4'));
    const updatesBefore = slack.of('chat.update').length;
    await joinAs(t, 'bob');
    await cardSays('Live now: Alice Johnson and Bob Smith');
    assert.ok(slack.of('chat.update').length > updatesBefore);
    const refused = t.logs().filter((l) => /refused/.test(String(l.msg)));
    assert.deepEqual(refused, [], 'no notification was refused');
  });
});
