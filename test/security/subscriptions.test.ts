// The embedded Graph behaves like Graph on subscriptions: the clientState secret is never in an answer, and it posts
// (validation handshakes, notifications) only to this server's own origin or MEETBOT_PUBLIC_URL.
import { strict as assert } from 'node:assert';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { person } from '../graph/helpers';
import { startTestServer, type TestServer } from '../server/start';

describe('local Graph subscriptions on the server', function () {
  this.timeout(30_000);
  let t: TestServer;
  let victim: Server;
  let victimUrl: string;
  const hits: string[] = [];
  let joinUrl: string;
  let clientState: string;

  before(async () => {
    const app = express();
    app.use((req, res) => {
      hits.push(req.originalUrl);
      res.type('text/plain').send(String(req.query.validationToken ?? ''));
    });
    victim = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    victimUrl = `http://127.0.0.1:${(victim.address() as AddressInfo).port}/hook`;
    t = await startTestServer({});
    const start = new Date(Date.now() + 3_600_000);
    const { meeting } = await t.server.backend.meetings.createOrGet({ externalId: 'sub-sec-1', organizer: person('alice'), subject: 'Ops', start, end: new Date(start.getTime() + 1_800_000), attendees: [] });
    joinUrl = meeting.joinUrl;
    clientState = (await t.server.backend.subscriptions.create(joinUrl, new Date())).clientState;
  });
  after(async () => {
    await t.stop();
    await new Promise<void>((resolve) => victim.close(() => resolve()));
  });

  const graph = (path: string, init: RequestInit = {}) => fetch(`${t.url}/local/graph/v1.0${path}`, init);
  const subscribe = (notificationUrl: string) =>
    graph('/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        changeType: 'updated', notificationUrl, clientState: 'attacker-chosen', expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
        resource: `communications/onlineMeetings(joinWebUrl='${encodeURIComponent(joinUrl)}')/meetingCallEvents`,
      }),
    });

  it('never returns a clientState when subscriptions are listed or read', async () => {
    const list = await (await graph('/subscriptions')).text();
    assert.ok(list.includes('"value"'));
    assert.ok(!list.includes(clientState), 'the bot’s secret is not in the list');
    const ids = (JSON.parse(list) as { value: Array<{ id: string; clientState: unknown }> }).value;
    assert.ok(ids.length >= 1 && ids.every((s) => s.clientState === null));
    const one = await (await graph(`/subscriptions/${ids[0]?.id}`)).text();
    assert.ok(!one.includes(clientState));
  });

  it('refuses a notificationUrl on another origin without calling it', async () => {
    const res = await subscribe(victimUrl);
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'BadRequest');
    assert.match(body.error.message, /own origin/);
    assert.deepEqual(hits, []);
  });

  it('accepts one on its own origin, and does not echo the clientState back', async () => {
    const res = await subscribe(`${t.url}/api/graph/notifications`);
    assert.equal(res.status, 201);
    assert.ok(!(await res.text()).includes('attacker-chosen'));
  });
});
