// The local service's Calls API with Graph's shapes: join a meeting's call by its coordinates (201, Location,
// establishing → established), invite at most 5 (200, Location, inviteParticipantsOperation), DELETE (204), and the
// commsNotifications it posts to the callbackUri as people answer, decline or let it ring.
import { strict as assert } from 'node:assert';
import { DEFAULT_DIRECTORY, LOCAL_TENANT_ID, startLocalGraphServer, type LocalGraphServer } from '../../../adapters/graph/local';
import { listen } from '../helpers';
import { assertGraphError, call } from './helpers';

const [alice, bob, carol] = DEFAULT_DIRECTORY as [typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0]];

type Notification = { value: Array<{ changeType: string; resourceUrl: string; resourceData: Record<string, unknown> & Array<Record<string, unknown>> }> };

async function until<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('local Graph: /communications/calls', function () {
  this.timeout(20_000);
  let graph: LocalGraphServer;
  let receiver: Awaited<ReturnType<typeof listen>>;
  const got: Notification[] = [];
  before(async () => {
    receiver = await listen((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        got.push(JSON.parse(body) as Notification);
        res.writeHead(202).end();
      });
    });
    graph = await startLocalGraphServer({ calling: { ringTimeoutMs: 200 } });
  });
  after(async () => {
    await graph?.close();
    await receiver?.close();
  });

  async function meeting(subject: string): Promise<Record<string, unknown> & { chatInfo: { threadId: string }; joinMeetingIdSettings: { joinMeetingId: string; passcode: string | null }; joinWebUrl: string; id: string }> {
    const start = new Date(Date.now() - 60_000);
    const made = await call(graph.url, 'POST', `/users/${alice.id}/onlineMeetings`, { subject, startDateTime: start.toISOString(), endDateTime: new Date(start.getTime() + 1_800_000).toISOString() });
    assert.equal(made.status, 201);
    return made.body as never;
  }
  const join = (m: { chatInfo: { threadId: string } }) => call(graph.url, 'POST', '/communications/calls', {
    '@odata.type': '#microsoft.graph.call',
    callbackUri: `${receiver.url}/api/calls`,
    requestedModalities: ['audio'],
    mediaConfig: { '@odata.type': '#microsoft.graph.serviceHostedMediaConfig' },
    chatInfo: { '@odata.type': '#microsoft.graph.chatInfo', threadId: m.chatInfo.threadId, messageId: '0' },
    meetingInfo: { '@odata.type': '#microsoft.graph.organizerMeetingInfo', organizer: { '@odata.type': '#microsoft.graph.identitySet', user: { '@odata.type': '#microsoft.graph.identity', id: alice.id, tenantId: LOCAL_TENANT_ID } }, allowConversationWithoutHost: true },
    tenantId: LOCAL_TENANT_ID,
  });
  const invite = (callId: string, users: ReadonlyArray<{ id: string }>) =>
    call(graph.url, 'POST', `/communications/calls/${callId}/participants/invite`, { participants: users.map((u) => ({ '@odata.type': '#microsoft.graph.invitationParticipantInfo', identity: { user: { id: u.id } } })), clientContext: 'ring:0' });
  const of = (callId: string) => got.filter((n) => n.value[0]?.resourceUrl.startsWith(`/communications/calls/${callId}`)).map((n) => n.value[0]!);

  it('joins by organizerMeetingInfo and chatInfo: 201 with Location, establishing, then established and the roster with the app', async () => {
    const m = await meeting('Bridge');
    const joined = await join(m);
    assert.equal(joined.status, 201);
    const id = String(joined.body.id);
    assert.equal(joined.headers.get('location'), `${graph.url}/communications/calls/${id}`);
    assert.equal(joined.body.state, 'establishing');
    assert.equal(joined.body['@odata.type'], '#microsoft.graph.call');
    assert.match(String(joined.body['@odata.context']), /\$metadata#app\/calls\/\$entity$/);
    const roster = await until(() => of(id).find((n) => n.resourceUrl.endsWith('/participants')));
    assert.deepEqual(of(id).filter((n) => !n.resourceUrl.endsWith('/participants')).map((n) => n.resourceData.state), ['establishing', 'established']);
    assert.deepEqual(roster.resourceData.map((p) => Object.keys((p.info as { identity: object }).identity)), [['application']]);
    assert.equal((await call(graph.url, 'DELETE', `/communications/calls/${id}`)).status, 204);
    await until(() => of(id).find((n) => n.changeType === 'deleted'));
    assertGraphError(await call(graph.url, 'GET', `/communications/calls/${id}`), 404, 'NotFound');
  });

  it('joins by joinMeetingIdMeetingInfo, and not with a wrong passcode', async () => {
    const m = await meeting('By code');
    const settings = m.joinMeetingIdSettings;
    const body = (passcode: string | null) => ({
      '@odata.type': '#microsoft.graph.call', callbackUri: `${receiver.url}/api/calls`, requestedModalities: ['audio'],
      mediaConfig: { '@odata.type': '#microsoft.graph.serviceHostedMediaConfig' },
      meetingInfo: { '@odata.type': '#microsoft.graph.joinMeetingIdMeetingInfo', joinMeetingId: settings.joinMeetingId, ...(passcode ? { passcode } : {}) },
      tenantId: LOCAL_TENANT_ID,
    });
    const joined = await call(graph.url, 'POST', '/communications/calls', body(settings.passcode));
    assert.equal(joined.status, 201);
    if (settings.passcode) assertGraphError(await call(graph.url, 'POST', '/communications/calls', body('wrong')), 404, 'NotFound');
    await call(graph.url, 'DELETE', `/communications/calls/${String(joined.body.id)}`);
  });

  it('refuses organizerMeetingInfo without chatInfo, a callbackUri elsewhere, app-hosted media, and more than 5 invitees', async () => {
    const m = await meeting('Refusals');
    const { chatInfo: _chat, ...withoutChat } = { chatInfo: 1, callbackUri: `${receiver.url}/api/calls`, mediaConfig: { '@odata.type': '#microsoft.graph.serviceHostedMediaConfig' }, meetingInfo: { '@odata.type': '#microsoft.graph.organizerMeetingInfo', organizer: { user: { id: alice.id } } } };
    assertGraphError(await call(graph.url, 'POST', '/communications/calls', withoutChat), 400, 'BadRequest');
    const good = { callbackUri: `${receiver.url}/api/calls`, mediaConfig: { '@odata.type': '#microsoft.graph.serviceHostedMediaConfig' }, chatInfo: { threadId: m.chatInfo.threadId }, meetingInfo: { '@odata.type': '#microsoft.graph.organizerMeetingInfo', organizer: { user: { id: alice.id } } } };
    assertGraphError(await call(graph.url, 'POST', '/communications/calls', { ...good, callbackUri: 'https://attacker.example/hook' }), 400, 'BadRequest');
    assertGraphError(await call(graph.url, 'POST', '/communications/calls', { ...good, mediaConfig: { '@odata.type': '#microsoft.graph.appHostedMediaConfig' } }), 400, 'BadRequest');
    const joined = await join(m);
    const six = [...DEFAULT_DIRECTORY, ...DEFAULT_DIRECTORY].slice(0, 6);
    assertGraphError(await invite(String(joined.body.id), six), 400, 'BadRequest');
    await call(graph.url, 'DELETE', `/communications/calls/${String(joined.body.id)}`);
  });

  it('rings: 200 with an inviteParticipantsOperation; an answer joins the call, the operation ends when all answered', async () => {
    const m = await meeting('Ringing');
    const id = String((await join(m)).body.id);
    const op = await invite(id, [bob]);
    assert.equal(op.status, 200);
    assert.equal(op.body['@odata.type'], '#microsoft.graph.inviteParticipantsOperation');
    assert.equal(op.body.status, 'running');
    assert.equal(op.body.clientContext, 'ring:0');
    assert.equal(op.headers.get('location'), `${graph.url}/communications/calls/${id}/operations/${String(op.body.id)}`);
    const page = await (await fetch(`${graph.origin}/local/meetings/${new URL(m.joinWebUrl).pathname.split('/').pop()}`)).text();
    assert.match(page, /Incoming call for Bob Smith from meetbot/);
    const token = new URL(m.joinWebUrl).pathname.split('/').pop() ?? '';
    const answered = await fetch(`${graph.origin}/local/meetings/${token}/answer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'bob' }) });
    assert.equal(answered.status, 200);
    assert.deepEqual(((await graph.graph.calls.roster(m.id))?.users ?? []).map((u) => u.id), [bob.id]);
    const done = await until(() => of(id).find((n) => n.resourceUrl.includes('/operations/')));
    assert.equal(done.changeType, 'deleted');
    assert.equal(done.resourceData.status, 'completed');
    const rosters = of(id).filter((n) => n.resourceUrl.endsWith('/participants'));
    assert.ok(rosters.some((r) => r.resourceData.some((p) => JSON.stringify(p).includes(bob.id))), 'the roster shows bob before the operation ends');
    await call(graph.url, 'DELETE', `/communications/calls/${id}`);
  });

  it('a decline and a ring nobody answers end the operation as failed (603 when all declined, 408 when not answered)', async () => {
    const m = await meeting('Unanswered');
    const id = String((await join(m)).body.id);
    const token = new URL(m.joinWebUrl).pathname.split('/').pop() ?? '';
    await invite(id, [carol]);
    const declined = await fetch(`${graph.origin}/local/meetings/${token}/decline`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'carol' }) });
    assert.deepEqual(await declined.json(), { ok: true, message: 'Carol Martinez declined the call.', ringing: [] });
    const first = await until(() => of(id).find((n) => n.resourceUrl.includes('/operations/')));
    assert.deepEqual([first.resourceData.status, (first.resourceData.resultInfo as { code: number }).code], ['failed', 603]);
    await invite(id, [carol]);
    const timedOut = await until(() => of(id).filter((n) => n.resourceUrl.includes('/operations/'))[1]);
    assert.deepEqual([timedOut.resourceData.status, (timedOut.resourceData.resultInfo as { code: number }).code], ['failed', 408]);
    const again = await fetch(`${graph.origin}/local/meetings/${token}/answer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'carol' }) });
    assert.match(String(((await again.json()) as { message: string }).message), /Nothing is ringing for Carol Martinez/);
    await call(graph.url, 'DELETE', `/communications/calls/${id}`);
  });
});
