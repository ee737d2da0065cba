// Join pages, the call lifecycle and meetingCallEvents notifications, over real HTTP to a tiny receiver.
import { strict as assert } from 'node:assert';
import express from 'express';
import type { CallEvent } from '../../../src/lifecycle/types';
import { reduceCall } from '../../../src/lifecycle';
import type { CallState } from '../../../src/meetings/ports';
import { createNotificationsHandler } from '../../../adapters/graph/notifications';
import { DEFAULT_DIRECTORY, startLocalGraphServer, type LocalGraphServer } from '../../../adapters/graph/local';
import { listen, silentLogger } from '../helpers';
import { assertGraphError, assertShape, call, fixture } from './helpers';

const [alice, bob] = DEFAULT_DIRECTORY as [typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0]];

interface Received {
  readonly validations: string[];
  readonly notifications: Record<string, unknown>[];
}

/** A notification endpoint: echoes validation tokens (or refuses when `refuse`), records notifications, answers 202. */
async function receiver(refuse = false): Promise<{ url: string; got: Received; close(): Promise<void> }> {
  const got: Received = { validations: [], notifications: [] };
  const server = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const token = url.searchParams.get('validationToken');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (token !== null) {
        got.validations.push(token);
        res.writeHead(refuse ? 500 : 200, { 'content-type': 'text/plain' }).end(refuse ? 'no' : token);
        return;
      }
      got.notifications.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(202).end();
    });
  });
  return { url: `${server.url}/api/graph/notifications`, got, close: server.close };
}

type Note = { value: { subscriptionId: string; clientState: string; resource: string; resourceData: { eventType: string; id: string; '@odata.id': string; 'participants@delta'?: { info: { identity: { user: { id: string } } }; removedState?: unknown }[] } }[] };

/** The callEvent properties Microsoft documents (graph.md §3.2); the local service sends nothing else. */
const CALL_EVENT_KEYS = new Set(['@odata.type', '@odata.id', 'id', 'eventType', 'eventDateTime', 'participants@delta']);

describe('local Graph: calls and meetingCallEvents', () => {
  let server: LocalGraphServer;
  let rx: Awaited<ReturnType<typeof receiver>>;
  let meeting: { id: string; joinWebUrl: string };
  const resource = () => `communications/onlineMeetings(joinWebUrl='${encodeURIComponent(meeting.joinWebUrl)}')/meetingCallEvents`;
  const inOneHour = () => new Date(Date.now() + 3600_000).toISOString();
  const subscribe = (notificationUrl: string) =>
    call(server.url, 'POST', '/subscriptions', { changeType: 'updated', notificationUrl, resource: resource(), clientState: 'sekret', expirationDateTime: inOneHour() });

  beforeEach(async () => {
    server = await startLocalGraphServer();
    rx = await receiver();
    const created = await call(server.url, 'POST', `/users/${alice.id}/onlineMeetings/createOrGet`, { externalId: 'calls', subject: 'Sync <b>now</b>' });
    meeting = { id: String(created.body.id), joinWebUrl: String(created.body.joinWebUrl) };
  });
  afterEach(async () => {
    await server.close();
    await rx.close();
  });

  it('subscribes after the validation handshake and can be read and deleted', async () => {
    const a = await subscribe(rx.url);
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.equal(rx.got.validations.length, 1);
    assert.equal(a.body.resource, resource());
    assert.equal(a.body.clientState, null, 'the secret is never in an answer');
    assert.equal((await call(server.url, 'GET', `/subscriptions/${a.body.id}`)).status, 200);
    assert.equal((await fetch(`${server.url}/subscriptions/${a.body.id}`, { method: 'DELETE' })).status, 204);
    assertGraphError(await call(server.url, 'GET', `/subscriptions/${a.body.id}`), 404, 'ResourceNotFound');
  });

  it('refuses a subscription whose endpoint fails the handshake, or with a bad resource or expiry', async () => {
    const bad = await receiver(true);
    try {
      const a = await subscribe(bad.url);
      assertGraphError(a, 400, 'BadRequest');
      assert.match(a.body.error?.message ?? '', /validation request failed/);
    } finally {
      await bad.close();
    }
    const base = { changeType: 'updated', notificationUrl: rx.url, resource: resource(), expirationDateTime: inOneHour() };
    assertGraphError(await call(server.url, 'POST', '/subscriptions', { ...base, resource: '/chats/getAllMessages' }), 400, 'BadRequest');
    assertGraphError(await call(server.url, 'POST', '/subscriptions', { ...base, expirationDateTime: new Date(Date.now() + 5 * 86400_000).toISOString() }), 400, 'BadRequest');
    assertGraphError(await call(server.url, 'POST', '/subscriptions', { ...base, expirationDateTime: '2001-01-01T00:00:00Z' }), 400, 'BadRequest');
  });

  it('join, join, leave, leave, rejoin: callStarted, roster updates, callEnded, then a new call', async () => {
    await subscribe(rx.url);
    const page = `${server.origin}/local/meetings/${new URL(meeting.joinWebUrl).pathname.split('/').pop()}`;
    const post = (what: string, user: string) =>
      fetch(`${page}/${what}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `user=${encodeURIComponent(user)}`, redirect: 'manual' });
    assert.equal((await post('join', alice.id)).status, 303);
    await post('join', bob.id);
    const html = await (await fetch(page)).text();
    assert.match(html, /Live since .*Alice Johnson, Bob Smith/);
    assert.match(html, /Live since [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d{2} [AP]M [A-Z+\d-]+: /, 'a date people read, not an ISO timestamp');
    assert.doesNotMatch(html, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    await post('leave', bob.id);
    await post('leave', alice.id);
    await post('join', bob.id);

    const events = rx.got.notifications.map((n) => (n as unknown as Note).value[0]!);
    assert.deepEqual(events.map((e) => e.resourceData.eventType), ['callStarted', 'rosterUpdated', 'rosterUpdated', 'rosterUpdated', 'rosterUpdated', 'callEnded', 'callStarted', 'rosterUpdated']);
    // As in Graph, `id` names the event, not the call: a new one each time, and no call id besides.
    const eventIds = events.map((e) => e.resourceData.id);
    assert.equal(new Set(eventIds).size, events.length);
    assert.ok(events.every((e) => e.resourceData['@odata.id'] === `${resource()}('${e.resourceData.id}')`));
    for (const e of events) assert.deepEqual(Object.keys(e.resourceData).filter((k) => !CALL_EVENT_KEYS.has(k)), [], 'only documented callEvent properties');
    const delta = events.map((e) => (e.resourceData['participants@delta'] ?? []).map((p) => `${p.removedState ? '-' : '+'}${p.info.identity.user.id}`));
    assert.deepEqual(delta, [[], [`+${alice.id}`], [`+${bob.id}`], [`-${bob.id}`], [`-${alice.id}`], [], [], [`+${bob.id}`]]);
    assert.ok(events.every((e) => e.clientState === 'sekret' && e.resource === resource()));
    assertShape(rx.got.notifications[1], fixture('callEventNotification.json'));
  });

  it("tells the bot's own notifications parser, over HTTP, the story of two calls: who is in, the end, the rejoin", async () => {
    const seen: CallEvent[] = [];
    const secrets = new Map<string, string>();
    const app = express();
    app.post('/api/graph/notifications', createNotificationsHandler({ clientStateOf: async (id) => secrets.get(id), logger: silentLogger, onEvents: async (events) => void seen.push(...events) }));
    const hook = await listen(app);
    try {
      const sub = await subscribe(`${hook.url}/api/graph/notifications`);
      secrets.set(String(sub.body.id), 'sekret');
      await server.graph.calls.join(meeting.id, 'alice');
      await server.graph.calls.join(meeting.id, 'bob@contoso.example');
      assert.deepEqual((await server.graph.calls.roster(meeting.id))?.users.map((u) => u.mailNickname), ['alice', 'bob']);
      await server.graph.calls.leave(meeting.id, bob.id);
      const end = await server.graph.calls.leave(meeting.id, alice.id);
      assert.equal(end?.ended, true);
      assert.equal(await server.graph.calls.roster(meeting.id), undefined);
      // Calls are told apart by time: the rejoin must come at least a millisecond after the end, as it does in life.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await server.graph.calls.join(meeting.id, bob.id);
      // Delivery ends when the receiver answered 202; its onEvents runs just after.
      await new Promise((resolve) => setImmediate(resolve));

      assert.deepEqual(seen.map((e) => e.kind), ['callStarted', 'rosterUpdated', 'rosterUpdated', 'rosterUpdated', 'rosterUpdated', 'callEnded', 'callStarted', 'rosterUpdated']);
      assert.ok(seen.every((e) => e.joinUrl === meeting.joinWebUrl));
      const r = seen[1];
      assert.ok(r?.kind === 'rosterUpdated' && r.joined[0]?.id === alice.id);
      const states = seen.reduce<CallState[]>((acc, e) => [...acc, reduceCall(acc.at(-1) ?? { state: 'idle' }, e)], []);
      const both = states[2];
      assert.deepEqual(both?.state === 'live' && both.participants.map((p) => p.displayName), [alice.displayName, bob.displayName]);
      const ended = states[5];
      assert.equal(ended?.state, 'ended');
      const again = states.at(-1);
      assert.ok(again?.state === 'live' && ended?.state === 'ended' && again.callId !== ended.callId, 'the rejoin is a new call');
      assert.deepEqual(again?.state === 'live' && again.participants.map((p) => p.id), [bob.id]);
    } finally {
      await hook.close();
    }
  });

  it('stops notifying after the subscription is deleted', async () => {
    const sub = await subscribe(rx.url);
    await fetch(`${server.url}/subscriptions/${sub.body.id}`, { method: 'DELETE' });
    await server.graph.calls.join(meeting.id, alice.id);
    assert.equal(rx.got.notifications.length, 0);
  });

  it('shows the join page with subject, organizer, meeting ID and passcode, escaped', async () => {
    const got = await call(server.url, 'GET', `/users/${alice.id}/onlineMeetings/${encodeURIComponent(meeting.id)}`);
    const settings = got.body.joinMeetingIdSettings as { joinMeetingId: string; passcode: string };
    const res = await fetch(meeting.joinWebUrl);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /Sync &#60;b&#62;now&#60;\/b&#62;/);
    assert.match(html, /Alice Johnson/);
    assert.ok(html.includes(settings.passcode));
    assert.ok(html.replace(/ /g, '').includes(settings.joinMeetingId));
    assert.match(html, /<select name="user">/);
    assert.doesNotMatch(html, /<script|<link|https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('answers an unknown meeting or person on the join page clearly', async () => {
    const missing = await fetch(`${server.origin}/local/meetings/nope`);
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /does not exist or was cancelled/);
    const page = new URL(meeting.joinWebUrl);
    const res = await fetch(`${page.origin}${page.pathname}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'zed' }) });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /Nobody called 'zed'/);
  });
});
