// The directory (GET /users, /users/{id | upn}) and JSON batching over real HTTP.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalGraph, DEFAULT_DIRECTORY, directoryFromSetting, startLocalGraphServer, type LocalGraphServer } from '../../../adapters/graph/local';
import { assertGraphError, assertShape, call, fixture } from './helpers';

const alice = DEFAULT_DIRECTORY[0]!;
const dmitry = DEFAULT_DIRECTORY[3]!;

describe('local Graph: users', () => {
  let server: LocalGraphServer;
  before(async () => {
    server = await startLocalGraphServer();
  });
  after(() => server.close());

  it('lists the default directory: alice, bob, carol and dmitry', async () => {
    const a = await call(server.url, 'GET', '/users');
    assert.equal(a.status, 200);
    assert.deepEqual(a.body.value?.map((u) => u.mail), ['alice@contoso.example', 'bob@contoso.example', 'carol@contoso.example', 'dmitry@contoso.example']);
    const { '@odata.context': _ctx, ...userShape } = fixture('user.json');
    assertShape(a.body.value?.[0], userShape);
  });

  it('gets a user by object id and by userPrincipalName with Graph\'s default properties', async () => {
    for (const key of [dmitry.id, dmitry.userPrincipalName, 'DMITRY@contoso.example']) {
      const a = await call(server.url, 'GET', `/users/${encodeURIComponent(key)}`);
      assert.equal(a.status, 200);
      assertShape(a.body, fixture('user.json'));
      assert.equal(a.body.id, dmitry.id);
      assert.equal(a.body.preferredLanguage, 'ru-RU');
    }
    const quoted = await call(server.url, 'GET', `/users('${alice.userPrincipalName}')`);
    assert.equal(quoted.body.id, alice.id);
  });

  it('answers 404 Request_ResourceNotFound for someone unknown', async () => {
    const a = await call(server.url, 'GET', '/users/ghost@contoso.example');
    assertGraphError(a, 404, 'Request_ResourceNotFound');
    assert.match(a.body.error?.message ?? '', /Resource 'ghost@contoso.example' does not exist/);
  });

  it('filters by mail, userPrincipalName and mailNickname, case-insensitively; an unknown value gives an empty list', async () => {
    for (const f of ["mail eq 'Dmitry@Contoso.example'", `userPrincipalName eq '${dmitry.userPrincipalName}'`, "mailNickname eq 'dmitry'", "mail eq 'x@y' or mailNickname eq 'dmitry'"]) {
      const a = await call(server.url, 'GET', `/users?$filter=${encodeURIComponent(f)}`);
      assert.deepEqual(a.body.value?.map((u) => u.id), [dmitry.id], f);
    }
    assert.deepEqual((await call(server.url, 'GET', `/users?$filter=${encodeURIComponent("mail eq 'nobody@contoso.example'")}`)).body.value, []);
  });

  it('honours $select, including the local extras timeZone and mailNickname', async () => {
    const a = await call(server.url, 'GET', `/users/${dmitry.id}?$select=id,displayName,timeZone,mailNickname`);
    assert.deepEqual(Object.keys(a.body).sort(), ['@odata.context', 'displayName', 'id', 'mailNickname', 'timeZone']);
    assert.equal(a.body.timeZone, 'Europe/Moscow');
  });

  it('rejects a malformed or unsupported $filter with 400', async () => {
    assertGraphError(await call(server.url, 'GET', `/users?$filter=${encodeURIComponent('mail = alice')}`), 400, 'BadRequest');
    assertGraphError(await call(server.url, 'GET', `/users?$filter=${encodeURIComponent("jobTitle eq 'x'")}`), 400, 'Request_UnsupportedQuery');
  });

  describe('a directory file', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'meetbot-dir-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('replaces the directory (file from MEETBOT_LOCAL_DIRECTORY)', async () => {
      const path = join(dir, 'people.json');
      writeFileSync(path, JSON.stringify([{ id: '11111111-2222-4333-8444-555555555555', displayName: 'Zoe', mail: 'zoe@fabrikam.example', timeZone: 'Asia/Tokyo' }]));
      const s = await startLocalGraphServer({ directory: directoryFromSetting(path) });
      try {
        const a = await call(s.url, 'GET', '/users');
        assert.deepEqual(a.body.value?.map((u) => u.userPrincipalName), ['zoe@fabrikam.example']);
        assert.equal(s.graph.directory[0]?.mailNickname, 'zoe');
      } finally {
        await s.close();
      }
    });

    it('explains a broken file instead of starting', () => {
      const path = join(dir, 'bad.json');
      writeFileSync(path, JSON.stringify([{ id: 'not-a-guid', displayName: 'X', mail: 'x@y.example' }]));
      assert.throws(() => createLocalGraph({ directoryFile: path }), /bad\.json: 0\.id must be a GUID/);
      writeFileSync(path, '{ nope');
      assert.throws(() => createLocalGraph({ directoryFile: path }), /is not valid JSON/);
      assert.throws(() => createLocalGraph({ directoryFile: join(dir, 'missing.json') }), /Cannot read the local directory file/);
    });
  });
});

describe('local Graph: $batch', () => {
  let server: LocalGraphServer;
  before(async () => {
    server = await startLocalGraphServer();
  });
  after(() => server.close());

  it('answers each request with its own id, status, headers and body', async () => {
    const a = await call(server.url, 'POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `/users/${alice.userPrincipalName}` },
        { id: '2', method: 'GET', url: '/users/ghost@contoso.example' },
        { id: '3', method: 'GET', url: `/users?$filter=${encodeURIComponent("mailNickname eq 'dmitry'")}&$select=id` },
        { id: '4', method: 'POST', url: `/users/${alice.id}/onlineMeetings/createOrGet`, headers: { 'Content-Type': 'application/json' }, body: { externalId: 'batch-1' } },
      ],
    });
    assert.equal(a.status, 200);
    const responses = a.body.responses as { id: string; status: number; headers: Record<string, string>; body: Record<string, unknown> }[];
    const byId = new Map(responses.map((r) => [r.id, r]));
    assert.equal(byId.get('1')?.status, 200);
    assert.equal(byId.get('1')?.body.id, alice.id);
    assert.equal(byId.get('2')?.status, 404);
    assert.equal((byId.get('2')?.body.error as { code: string }).code, 'Request_ResourceNotFound');
    assert.deepEqual(byId.get('3')?.body.value, [{ id: dmitry.id }]);
    assert.equal(byId.get('4')?.status, 201);
    assert.match(byId.get('4')?.headers['content-type'] ?? '', /application\/json/);
  });

  it('fails a request whose dependency failed with 424', async () => {
    const a = await call(server.url, 'POST', '/$batch', {
      requests: [
        { id: 'a', method: 'GET', url: '/users/ghost@contoso.example' },
        { id: 'b', method: 'GET', url: `/users/${alice.id}`, dependsOn: ['a'] },
        { id: 'c', method: 'GET', url: `/users/${alice.id}`, dependsOn: ['b'] },
      ],
    });
    assert.deepEqual((a.body.responses as { status: number }[]).map((r) => r.status), [404, 424, 424]);
  });

  it('refuses more than 20 requests, duplicate ids and a body that is not a batch with 400', async () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users' }));
    const a = await call(server.url, 'POST', '/$batch', { requests: many });
    assertGraphError(a, 400, 'BadRequest');
    assert.match(a.body.error?.message ?? '', /at most 20/);
    assert.equal((await call(server.url, 'POST', '/$batch', { requests: many.slice(0, 20) })).status, 200);
    assertGraphError(await call(server.url, 'POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: '/users' }, { id: '1', method: 'GET', url: '/users' }] }), 400, 'BadRequest');
    assertGraphError(await call(server.url, 'POST', '/$batch', { nope: [] }), 400, 'BadRequest');
    assertGraphError(await call(server.url, 'POST', '/$batch', '{'), 400, 'BadRequest');
  });
});
