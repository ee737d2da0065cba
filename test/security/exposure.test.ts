// The local surfaces (playground, local Graph, join pages) authenticate nobody: on all interfaces with Teams
// credentials, other machines reach none of them unless MEETBOT_LOCAL_EXPOSE opens them to holders of the token.
import { strict as assert } from 'node:assert';
import { networkInterfaces } from 'node:os';
import { loadConfig } from '../../adapters/config';
import { banner } from '../../adapters/server/banner';
import { person } from '../graph/helpers';
import { startTestServer, type TestServer } from '../server/start';

const TEAMS = { MICROSOFT_APP_ID: '1c8f3d2e-5a4b-4c6d-9e8f-0a1b2c3d4e5f', MICROSOFT_APP_PASSWORD: 'Zq8~xKf2.Pd4nL7sVb1Hc9Wm3Ry6Tg0Ju5Ea' };
const TOKEN = 'f3b9c1d7e2a84c6f9b0d5e1a7c3f8b2d4e6a9c0f1b3d5e7a';
const LOCAL_PATHS = ['/', '/playground/api/people', '/local/graph/v1.0/users', '/local/graph/v1.0/subscriptions', '/local/meetings/0123456789abcdef'];

/** This machine's first non-loopback IPv4 address: requests to it do not come from loopback. */
function lanAddress(): string | undefined {
  return Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

describe('exposure of the local surfaces', function () {
  this.timeout(30_000);
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });
  const lan = lanAddress();
  const beyond = (path: string, init: RequestInit = {}) => fetch(`http://${lan}:${new URL(t?.url ?? '').port}${path}`, { redirect: 'manual', ...init });

  it('with HOST=0.0.0.0 and Teams credentials, serves other machines no local surface, and this machine all of them', async function () {
    if (!lan) this.skip();
    t = await startTestServer({ HOST: '0.0.0.0', ...TEAMS });
    for (const path of LOCAL_PATHS) assert.equal((await beyond(path)).status, 404, path);
    assert.equal((await beyond('/healthz')).status, 200);
    assert.equal((await beyond('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' })).status, 401);
    assert.equal((await fetch(`${t.url}/playground/api/people`)).status, 200);
  });

  it('still lets the bot reach its embedded Graph when HOST is a LAN address, and still refuses others there', async function () {
    if (!lan) this.skip();
    t = await startTestServer({ HOST: lan, ...TEAMS });
    assert.equal((await beyond('/local/graph/v1.0/users')).status, 404);
    const start = new Date(Date.now() + 3_600_000);
    const { meeting } = await t.server.backend.meetings.createOrGet({ externalId: 'lan-host-1', organizer: person('alice'), subject: 'LAN', start, end: new Date(start.getTime() + 1_800_000), attendees: [] });
    assert.equal(meeting.subject, 'LAN');
  });

  it('with MEETBOT_LOCAL_EXPOSE, asks for the token, takes it as a bearer header, and the one-time link sets a session cookie once', async function () {
    if (!lan) this.skip();
    t = await startTestServer({ HOST: '0.0.0.0', ...TEAMS, MEETBOT_LOCAL_EXPOSE: 'true', MEETBOT_LOCAL_TOKEN: TOKEN });
    for (const path of LOCAL_PATHS) assert.equal((await beyond(path)).status, 401, path);
    assert.equal((await beyond('/playground/api/people', { headers: { authorization: `Bearer ${TOKEN.slice(1)}x` } })).status, 401);
    assert.equal((await beyond('/playground/api/people', { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);

    const link = t.server.issueLoginPath();
    assert.ok(link);
    const login = await beyond(link);
    assert.equal(login.status, 303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.match(login.headers.get('set-cookie') ?? '', /HttpOnly/);
    assert.ok(!cookie.includes(TOKEN), 'the cookie is not the token itself');
    assert.equal((await beyond('/playground/api/people', { headers: { cookie } })).status, 200);
    assert.equal((await beyond(link)).status, 401, 'the link works once');
    assert.ok(!JSON.stringify(t.logs()).includes(TOKEN));
  });

  it('does not start exposed without a long token, and the banner says what is exposed where', () => {
    const weak = loadConfig({ MEETBOT_LOCAL_EXPOSE: 'true', MEETBOT_LOCAL_TOKEN: 'short' });
    assert.ok(!weak.ok && weak.errors.some((e) => /MEETBOT_LOCAL_TOKEN of at least 32 characters/.test(e)));
    const docker = loadConfig({ HOST: '0.0.0.0', ...TEAMS });
    assert.ok(docker.ok);
    assert.match(banner(docker.config, 'http://127.0.0.1:3978'), /answer this machine only; other machines reach only \/api\/messages, \/api\/graph\/notifications and the operations endpoints/);
    const open = loadConfig({ HOST: '0.0.0.0', ...TEAMS, MEETBOT_LOCAL_EXPOSE: 'true', MEETBOT_LOCAL_TOKEN: TOKEN });
    assert.ok(open.ok);
    assert.match(banner(open.config, 'http://127.0.0.1:3978', '/local/login?code=abc'), /one-time login link http:\/\/127\.0\.0\.1:3978\/local\/login\?code=abc/);
  });
});
