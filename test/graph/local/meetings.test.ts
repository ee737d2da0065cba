// The onlineMeetings slice over real HTTP: shapes, createOrGet idempotency, PATCH rules, DELETE, errors.
import { strict as assert } from 'node:assert';
import { DEFAULT_DIRECTORY, startLocalGraphServer, type LocalGraphServer } from '../../../adapters/graph/local';
import { assertGraphError, assertShape, call, fixture } from './helpers';

const [alice, bob, carol] = DEFAULT_DIRECTORY as [typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0]];
const attendee = (u: { id: string; userPrincipalName: string }) => ({ identity: { user: { id: u.id } }, upn: u.userPrincipalName });

describe('local Graph: onlineMeetings', () => {
  let server: LocalGraphServer;
  let base: string;
  const meetings = () => `${base}/users/${alice.id}/onlineMeetings`;

  before(async () => {
    server = await startLocalGraphServer({ usersWithoutPolicy: ['carol@contoso.example'] });
    base = server.url;
  });
  after(() => server.close());

  it('creates a meeting with 201 and Graph\'s full shape', async () => {
    const a = await call(meetings(), 'POST', '', {
      subject: 'Design review', startDateTime: '2030-05-01T10:00:00+02:00', endDateTime: '2030-05-01T10:30:00+02:00',
      participants: { attendees: [attendee(bob)] },
    });
    assert.equal(a.status, 201);
    assertShape(a.body, fixture('onlineMeeting.json'));
    assert.equal(a.body.startDateTime, '2030-05-01T08:00:00.0000000Z');
    assert.equal(a.body.endDateTime, '2030-05-01T08:30:00.0000000Z');
    assert.match(String(a.body.creationDateTime), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
    assert.equal(a.body['@odata.context'], `${base}/$metadata#users('${alice.id}')/onlineMeetings/$entity`);
    const decoded = Buffer.from(String(a.body.id), 'base64').toString();
    assert.match(decoded, new RegExp(`^1\\*${alice.id}\\*0\\*\\*19:meeting_[A-Za-z0-9]+@thread\\.v2$`));
    const chat = a.body.chatInfo as { threadId: string };
    assert.equal(decoded.split('**')[1], chat.threadId);
    const settings = a.body.joinMeetingIdSettings as { isPasscodeRequired: boolean; joinMeetingId: string; passcode: string };
    assert.equal(settings.isPasscodeRequired, true);
    assert.match(settings.joinMeetingId, /^\d{12,13}$/);
    assert.match(settings.passcode, /^[A-Za-z0-9]{6}$/);
    assert.ok(String(a.body.joinWebUrl).startsWith(`${server.origin}/local/meetings/`));
    const p = a.body.participants as { organizer: { upn: string; identity: { user: { id: string; tenantId: string } } }; attendees: { upn: string }[] };
    assert.equal(p.organizer.upn, alice.userPrincipalName);
    assert.equal(p.organizer.identity.user.tenantId, server.graph.tenantId);
    assert.deepEqual(p.attendees.map((x) => x.upn), [bob.userPrincipalName]);
    const audio = a.body.audioConferencing as { tollNumbers: string[]; dialinUrl: string; conferenceId: string };
    assert.ok(audio.tollNumbers.length && audio.conferenceId && audio.dialinUrl);
  });

  it('omits the passcode when the client says none is required', async () => {
    const a = await call(meetings(), 'POST', '', { subject: 'x', joinMeetingIdSettings: { isPasscodeRequired: false } });
    assert.deepEqual({ ...(a.body.joinMeetingIdSettings as object), joinMeetingId: 'n' }, { isPasscodeRequired: false, joinMeetingId: 'n', passcode: null });
  });

  it('createOrGet makes one meeting per organizer and externalId: 201, then 200 with the same meeting', async () => {
    const body = { externalId: 'slack:Ev123', subject: 'Standup', startDateTime: '2030-05-01T09:00:00Z', endDateTime: '2030-05-01T09:15:00Z' };
    const first = await call(meetings(), 'POST', '/createOrGet', body);
    const second = await call(meetings(), 'POST', '/createOrGet', { ...body, subject: 'Different' });
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.equal(second.body.id, first.body.id);
    assert.equal(second.body.subject, 'Standup');
    assert.equal(first.body.externalId, 'slack:Ev123');
    const bobs = await call(`${base}/users/${bob.id}/onlineMeetings`, 'POST', '/createOrGet', body);
    assert.equal(bobs.status, 201);
    assert.notEqual(bobs.body.id, first.body.id);
  });

  it('createOrGet refuses parameters the action does not take, as Graph does, and creates nothing', async () => {
    const refused = await call(meetings(), 'POST', '/createOrGet', { externalId: 'params-1', joinMeetingIdSettings: { isPasscodeRequired: true } });
    assertGraphError(refused, 400, 'BadRequest');
    assert.match(String((refused.body.error as { message: string }).message), /'joinMeetingIdSettings'.*not a valid parameter.*createOrGet/);
    const retried = await call(meetings(), 'POST', '/createOrGet', { externalId: 'params-1' });
    assert.equal(retried.status, 201);
  });

  it('createOrGet defaults to now and one hour, or one hour after a given start', async () => {
    const before = Date.now();
    const a = await call(meetings(), 'POST', '/createOrGet', { externalId: 'defaults-1' });
    const start = Date.parse(String(a.body.startDateTime));
    assert.ok(start >= before - 1000 && start <= Date.now() + 1000);
    assert.equal(Date.parse(String(a.body.endDateTime)) - start, 3600_000);
    const b = await call(meetings(), 'POST', '/createOrGet', { externalId: 'defaults-2', startDateTime: '2030-01-01T10:00:00Z' });
    assert.equal(b.body.endDateTime, '2030-01-01T11:00:00.0000000Z');
  });

  it('createOrGet rejects a missing externalId, an end without start and an end before the start', async () => {
    assertGraphError(await call(meetings(), 'POST', '/createOrGet', { subject: 'x' }), 400, 'BadRequest');
    assertGraphError(await call(meetings(), 'POST', '/createOrGet', { externalId: 'e1', endDateTime: '2030-01-01T10:00:00Z' }), 400, 'BadRequest');
    const a = await call(meetings(), 'POST', '/createOrGet', { externalId: 'e2', startDateTime: '2030-01-01T10:00:00Z', endDateTime: '2030-01-01T09:00:00Z' });
    assertGraphError(a, 400, 'BadRequest');
    assert.match(a.body.error?.message ?? '', /before 'startDateTime'/);
    assertGraphError(await call(meetings(), 'POST', '/createOrGet', { externalId: 'e3', startDateTime: 'tomorrow' }), 400, 'BadRequest');
  });

  it('gets a meeting by id for the organizer and for an invited attendee, 404 for anyone else', async () => {
    const created = await call(meetings(), 'POST', '', { subject: 'Get me', participants: { attendees: [attendee(bob)] } });
    const id = encodeURIComponent(String(created.body.id));
    const got = await call(meetings(), 'GET', `/${id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, created.body);
    assert.equal((await call(`${base}/users/${bob.id}/onlineMeetings`, 'GET', `/${id}`)).status, 200);
    assertGraphError(await call(`${base}/users/${DEFAULT_DIRECTORY[3]!.id}/onlineMeetings`, 'GET', `/${id}`), 404, 'NotFound');
    assertGraphError(await call(meetings(), 'GET', '/MSpub3RoaW5n'), 404, 'NotFound');
  });

  it('finds a meeting by its URL-encoded joinWebUrl, and answers an empty list for an unknown one', async () => {
    const created = await call(meetings(), 'POST', '', { subject: 'Find me' });
    const url = String(created.body.joinWebUrl);
    const found = await call(meetings(), 'GET', `?$filter=${encodeURIComponent(`JoinWebUrl eq '${url}'`)}`);
    assert.equal(found.status, 200);
    assert.equal(found.body.value?.length, 1);
    assert.equal(found.body.value?.[0]?.id, created.body.id);
    const none = await call(meetings(), 'GET', `?$filter=${encodeURIComponent(`JoinWebUrl eq '${server.origin}/local/meetings/nothing'`)}`);
    assert.deepEqual(none.body.value, []);
  });

  it('rejects a bad $filter and a missing one with 400', async () => {
    assertGraphError(await call(meetings(), 'GET', `?$filter=${encodeURIComponent("subject eq 'x'")}`), 400, 'BadRequest');
    assertGraphError(await call(meetings(), 'GET', ''), 400, 'BadRequest');
  });

  it('PATCH moves start and end together and replaces the attendee list', async () => {
    const created = await call(meetings(), 'POST', '', { subject: 'Move me', participants: { attendees: [attendee(bob)] } });
    const id = encodeURIComponent(String(created.body.id));
    const a = await call(meetings(), 'PATCH', `/${id}`, {
      startDateTime: '2030-06-01T10:00:00Z', endDateTime: '2030-06-01T11:00:00Z', subject: 'Moved', participants: { attendees: [attendee(carol)] },
    });
    assert.equal(a.status, 200);
    assert.equal(a.body.startDateTime, '2030-06-01T10:00:00.0000000Z');
    assert.equal(a.body.subject, 'Moved');
    assert.deepEqual((a.body.participants as { attendees: { upn: string }[] }).attendees.map((x) => x.upn), [carol.userPrincipalName]);
    assert.equal(a.body.joinWebUrl, created.body.joinWebUrl);
    assert.deepEqual((await call(meetings(), 'GET', `/${id}`)).body, a.body);
  });

  it('PATCH refuses a lone start, an end before the start, a new organizer and join settings', async () => {
    const created = await call(meetings(), 'POST', '', { subject: 'Strict' });
    const id = encodeURIComponent(String(created.body.id));
    assertGraphError(await call(meetings(), 'PATCH', `/${id}`, { startDateTime: '2030-06-01T10:00:00Z' }), 400, 'BadRequest');
    assertGraphError(await call(meetings(), 'PATCH', `/${id}`, { startDateTime: '2030-06-01T10:00:00Z', endDateTime: '2030-06-01T09:00:00Z' }), 400, 'BadRequest');
    assertGraphError(await call(meetings(), 'PATCH', `/${id}`, { participants: { organizer: attendee(bob) } }), 400, 'BadRequest');
    assertGraphError(await call(meetings(), 'PATCH', `/${id}`, { joinMeetingIdSettings: { isPasscodeRequired: false } }), 400, 'BadRequest');
    assertGraphError(await call(meetings(), 'PATCH', `/${id}`, { colour: 'blue' }), 400, 'BadRequest');
    assert.equal((await call(meetings(), 'GET', `/${id}`)).body.startDateTime, created.body.startDateTime);
  });

  it('DELETE answers 204, then the meeting is gone (404)', async () => {
    const created = await call(meetings(), 'POST', '', { subject: 'Bye' });
    const id = encodeURIComponent(String(created.body.id));
    const res = await fetch(`${meetings()}/${id}`, { method: 'DELETE' });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    assertGraphError(await call(meetings(), 'GET', `/${id}`), 404, 'NotFound');
    assertGraphError(await call(meetings(), 'DELETE', `/${id}`), 404, 'NotFound');
  });

  it('answers 404 for an unknown user and for a UPN in the path, as Graph does', async () => {
    assertGraphError(await call(`${base}/users/00000000-0000-0000-0000-000000000000/onlineMeetings`, 'POST', '', { subject: 'x' }), 404, 'NotFound');
    const upn = await call(`${base}/users/${alice.userPrincipalName}/onlineMeetings`, 'POST', '', { subject: 'x' });
    assertGraphError(upn, 404, 'NotFound');
    assert.match(upn.body.error?.message ?? '', /object id/);
  });

  it('answers 400 for an attendee the directory does not know', async () => {
    const a = await call(meetings(), 'POST', '', { participants: { attendees: [{ upn: 'ghost@contoso.example' }] } });
    assertGraphError(a, 400, 'BadRequest');
    assert.match(a.body.error?.message ?? '', /ghost@contoso\.example/);
  });

  it('answers 400 for malformed JSON and for a body that is not an object', async () => {
    assertGraphError(await call(meetings(), 'POST', '', '{"subject": '), 400, 'BadRequest');
    assertGraphError(await call(meetings(), 'POST', '', '[1,2]'), 400, 'BadRequest');
  });

  it('answers 403 "No application access policy found for this app" for users without a policy', async () => {
    const a = await call(`${base}/users/${carol.id}/onlineMeetings`, 'POST', '/createOrGet', { externalId: 'x' });
    assertGraphError(a, 403, 'Forbidden');
    assert.equal(a.body.error?.message, 'No application access policy found for this app');
  });

  it('accepts any bearer token, none, or odd Authorization headers, and echoes client-request-id in errors', async () => {
    for (const auth of ['Bearer eyJ0eXAiOiJKV1QifQ.e30.sig', 'Basic Zm9vOmJhcg==', 'Bearer', '\u00e9\u00e9']) {
      const a = await call(meetings(), 'POST', '/createOrGet', { externalId: 'auth' }, { authorization: auth });
      assert.ok(a.status === 201 || a.status === 200);
    }
    const e = await call(`${base}/users/nobody`, 'GET', '', undefined, { 'client-request-id': 'abc-123' });
    assert.equal(e.body.error?.innerError['client-request-id'], 'abc-123');
  });

  it('answers 400 for an unknown path and 405 for a wrong method, in Graph\'s envelope', async () => {
    assertGraphError(await call(base, 'GET', '/me/events'), 400, 'BadRequest');
    const a = await call(meetings(), 'PUT', '', { subject: 'x' });
    assert.equal(a.status, 405);
    assertShape(a.body, fixture('error.json'));
  });
});
