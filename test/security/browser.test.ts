// What a hostile web page can do to the local surfaces from a browser on this machine: nothing. DNS rebinding meets
// the Host check, cross-site posts meet the Origin check and the CSRF token, and every page carries security headers.
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { person } from '../graph/helpers';
import { startTestServer, type TestServer } from '../server/start';

/** A GET with a Host header of our choosing (fetch does not let one set it). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-facing hardening of the local surfaces', function () {
  this.timeout(30_000);
  let t: TestServer;
  let joinUrl: string;
  before(async () => {
    t = await startTestServer({});
    const start = new Date(Date.now() + 3_600_000);
    ({ joinUrl } = (await t.server.backend.meetings.createOrGet({ externalId: 'browser-1', organizer: person('alice'), subject: 'Sync', start, end: new Date(start.getTime() + 1_800_000), attendees: [] })).meeting);
  });
  after(async () => t.stop());

  const host = () => new URL(t.url).host;
  const form = (body: string, headers: Record<string, string>, action = 'leave') =>
    fetch(`${joinUrl.split('?')[0]}/${action}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  async function session(): Promise<{ cookie: string; token: string }> {
    const page = await fetch(joinUrl);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    return { cookie, token };
  }

  it('answers 421 to a Host that is not this server (DNS rebinding), and 200 to its own', async () => {
    assert.equal(await getWithHost(`${t.url}/playground/api/people`, 'attacker.example'), 421);
    assert.equal(await getWithHost(`${t.url}/playground/api/people`, `attacker.example:${new URL(t.url).port}`), 421);
    assert.equal(await getWithHost(`${t.url}/local/graph/v1.0/users`, 'rebind.attacker.example'), 421);
    assert.equal(await getWithHost(`${t.url}/playground/api/people`, host()), 200);
    assert.equal(await getWithHost(`${t.url}/playground/api/people`, `localhost:${new URL(t.url).port}`), 200);
  });

  it('refuses a cross-site form post to leave a meeting', async () => {
    const { cookie, token } = await session();
    const body = `user=${person('alice').id}&_csrf=${token}`;
    assert.equal((await form(body, { origin: 'https://attacker.example', cookie })).status, 403);
    assert.equal((await form(body, { origin: `http://127.0.0.1:1${new URL(t.url).port}`, cookie })).status, 403, 'another port is another origin');
    assert.equal((await form(body, { 'sec-fetch-site': 'cross-site', cookie })).status, 403);
  });

  it('refuses a same-origin browser post without the CSRF token, and accepts it with the token', async () => {
    const { cookie, token } = await session();
    const origin = new URL(t.url).origin;
    assert.equal((await form(`user=${person('alice').id}`, { origin, cookie }, 'join')).status, 403);
    assert.equal((await form(`user=${person('alice').id}&_csrf=${token.slice(1)}x`, { origin, cookie }, 'join')).status, 403);
    const joined = await form(`user=${person('alice').id}&_csrf=${token}`, { origin, cookie }, 'join');
    assert.equal(joined.status, 303, await joined.text());
    const post = (headers: Record<string, string>) =>
      fetch(`${t.url}/playground/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie, ...headers }, body: JSON.stringify({ as: 'alice', conversation: 'general', text: 'hello' }) });
    assert.equal((await post({})).status, 403);
    assert.equal((await post({ 'x-csrf-token': token })).status, 200);
  });

  it('takes only JSON on the embedded Graph, so a cross-site text/plain "JSON" post cannot create a meeting', async () => {
    const res = await fetch(`${t.url}/local/graph/v1.0/users/${person('alice').id}/onlineMeetings`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"subject":"Mallory"}' });
    assert.equal(res.status, 415);
  });

  it('sends security headers: a CSP without inline script, nosniff, no framing, a referrer policy', async () => {
    for (const path of ['/', '/playground/app.js', new URL(joinUrl).pathname]) {
      const res = await fetch(`${t.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(res.headers.get('x-frame-options'), 'DENY');
      assert.equal(res.headers.get('referrer-policy'), 'same-origin');
      assert.equal(res.headers.get('x-powered-by'), null);
    }
  });
});

describe('rate limits beyond this machine', function () {
  this.timeout(30_000);
  const lan = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  const TOKEN = 'f3b9c1d7e2a84c6f9b0d5e1a7c3f8b2d4e6a9c0f1b3d5e7a';
  let t: TestServer | undefined;
  after(async () => t?.stop());

  it('answers 429 once an address beyond this machine spends its minute’s budget on the playground', async function () {
    if (!lan) this.skip();
    t = await startTestServer({ HOST: '0.0.0.0', MICROSOFT_APP_ID: '1c8f3d2e-5a4b-4c6d-9e8f-0a1b2c3d4e5f', MICROSOFT_APP_PASSWORD: 'Zq8~xKf2.Pd4nL7sVb1Hc9Wm3Ry6Tg0Ju5Ea', MEETBOT_LOCAL_EXPOSE: 'true', MEETBOT_LOCAL_TOKEN: TOKEN });
    const url = `http://${lan}:${new URL(t.url).port}/playground/api/people`;
    const statuses: number[] = [];
    for (let i = 0; i < 620; i += 20) {
      statuses.push(...(await Promise.all(Array.from({ length: 20 }, () => fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => (void r.arrayBuffer(), r.status))))));
    }
    assert.equal(statuses.filter((s) => s === 200).length, 600);
    assert.ok(statuses.slice(600).every((s) => s === 429));
    assert.equal((await fetch(`${t.url}/playground/api/people`)).status, 200, 'this machine is not limited');
  });
});
