// Two instances' local Graph services (two HTTP servers, two stores) on one database are one meeting service: a call
// joined through one is the call every other one shows, ends and reports, on SQLite and (with DATABASE_URL) PostgreSQL.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DIRECTORY, startLocalGraphServer, type LocalGraphServer } from '../../../adapters/graph/local';
import { dropPgSchema, openStore, type Store } from '../../../adapters/store';
import { callEventReceiver } from '../helpers';
import { call } from './helpers';
import { callContract } from './repo-contract';

const [alice, bob] = DEFAULT_DIRECTORY as [typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0]];
/** MEETBOT_PUBLIC_URL of every instance: the load balancer in front of them. */
const SHARED_URL = 'https://meet.contoso.example';

const receiver = () => callEventReceiver('/api/graph/notifications');

/** POSTs a join or leave to a join page as JSON, as a browser script would. */
async function act(origin: string, joinPath: string, kind: 'join' | 'leave', user: string): Promise<{ ok: boolean; message: string; roster: string[] }> {
  const res = await fetch(`${origin}${joinPath}/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
  return (await res.json()) as { ok: boolean; message: string; roster: string[] };
}

const count = (events: readonly string[], type: string): number => events.filter((e) => e === type).length;

function suite(openStores: () => Promise<[Store, Store]>): void {
  let stores: Store[] = [];
  let servers: LocalGraphServer[] = [];
  let a: LocalGraphServer;
  let b: LocalGraphServer;
  let rx: Awaited<ReturnType<typeof receiver>>;
  let meeting: { id: string; joinWebUrl: string; joinPath: string };

  async function startBoth(pair: [Store, Store]): Promise<void> {
    stores = pair;
    servers = [await startLocalGraphServer({ repo: pair[0].localGraph, publicBaseUrl: SHARED_URL }), await startLocalGraphServer({ repo: pair[1].localGraph, publicBaseUrl: SHARED_URL })];
    [a, b] = servers as [LocalGraphServer, LocalGraphServer];
  }
  async function stopBoth(): Promise<void> {
    for (const s of servers.splice(0)) await s.close();
    for (const s of stores.splice(0)) await s.close();
  }

  beforeEach(async () => {
    await startBoth(await openStores());
    rx = await receiver();
    const created = await call(a.url, 'POST', `/users/${alice.id}/onlineMeetings/createOrGet`, { externalId: `19:meeting_${randomBytes(8).toString('hex')}@thread.v2`, subject: 'Quarterly planning' });
    assert.equal(created.status, 201);
    const joinWebUrl = String(created.body.joinWebUrl);
    meeting = { id: String(created.body.id), joinWebUrl, joinPath: new URL(joinWebUrl).pathname };
    const resource = `communications/onlineMeetings(joinWebUrl='${encodeURIComponent(joinWebUrl)}')/meetingCallEvents`;
    const sub = await call(a.url, 'POST', '/subscriptions', { changeType: 'updated', notificationUrl: rx.url, resource, clientState: 'sekret', expirationDateTime: new Date(Date.now() + 3600_000).toISOString() });
    assert.equal(sub.status, 201, JSON.stringify(sub.body));
  });
  afterEach(async () => {
    await stopBoth();
    await rx.close();
  });

  it("gives a meeting made through one instance a join link on the shared address whose page every instance serves", async () => {
    assert.ok(meeting.joinWebUrl.startsWith(`${SHARED_URL}/local/meetings/`), meeting.joinWebUrl);
    for (const s of [a, b]) {
      const page = await fetch(`${s.origin}${meeting.joinPath}`);
      assert.equal(page.status, 200);
      const html = await page.text();
      assert.match(html, /Quarterly planning/);
      assert.match(html, /Nobody is in the call\./);
    }
  });

  it('shows on every instance who joined through another: roster, join page and answer agree', async () => {
    const joined = await act(b.origin, meeting.joinPath, 'join', bob.mailNickname);
    assert.equal(joined.ok, true);
    assert.equal(joined.message, 'Joined; the call started.');
    assert.deepEqual(joined.roster, [bob.id]);
    for (const s of [a, b]) {
      assert.deepEqual((await s.graph.calls.roster(meeting.id))?.users.map((u) => u.mailNickname), ['bob']);
      const html = await (await fetch(`${s.origin}${meeting.joinPath}`)).text();
      assert.match(html, /<dd id="call">Live since [^<]*: Bob Smith<\/dd>/);
    }
    const again = await act(a.origin, meeting.joinPath, 'join', alice.mailNickname);
    assert.equal(again.message, 'Joined the call.', 'the call bob started through B is the call alice joins through A');
    assert.deepEqual(again.roster, [bob.id, alice.id]);
    assert.deepEqual(rx.events, ['callStarted', 'rosterUpdated', 'rosterUpdated']);
  });

  it('ends through one instance the call another started, and tells the subscriber once, in order', async () => {
    assert.deepEqual(await b.graph.calls.join(meeting.id, bob.id), { started: true });
    assert.deepEqual(await a.graph.calls.leave(meeting.id, bob.id), { ended: true });
    assert.equal(await b.graph.calls.roster(meeting.id), undefined);
    assert.equal(await b.graph.calls.leave(meeting.id, bob.id), undefined, 'bob is not in a call any more, on either instance');
    assert.deepEqual(rx.events, ['callStarted', 'rosterUpdated', 'rosterUpdated', 'callEnded']);
  });

  it('starts one call when two people join through two instances at the same moment, and ends it once when both leave at once', async () => {
    const [viaA, viaB] = await Promise.all([a.graph.calls.join(meeting.id, alice.id), b.graph.calls.join(meeting.id, bob.id)]);
    assert.equal(Number(viaA.started) + Number(viaB.started), 1);
    assert.deepEqual(rx.events, ['callStarted', 'rosterUpdated', 'rosterUpdated']);
    const inCall = async (s: LocalGraphServer) => (await s.graph.calls.roster(meeting.id))?.users.map((u) => u.mailNickname).sort();
    assert.deepEqual(await inCall(a), ['alice', 'bob']);
    assert.deepEqual(await inCall(b), ['alice', 'bob']);

    const [leftA, leftB] = await Promise.all([a.graph.calls.leave(meeting.id, alice.id), b.graph.calls.leave(meeting.id, bob.id)]);
    assert.equal(Number(leftA?.ended) + Number(leftB?.ended), 1);
    assert.equal(count(rx.events, 'callStarted'), 1);
    assert.equal(count(rx.events, 'callEnded'), 1);
    assert.equal(rx.events.at(-1), 'callEnded');
    assert.equal(count(rx.events, 'rosterUpdated'), 4);
  });

  it('reports the attendance of a call the same through either instance', async () => {
    await b.graph.calls.join(meeting.id, alice.id);
    await a.graph.calls.join(meeting.id, bob.id);
    await b.graph.calls.leave(meeting.id, bob.id);
    await a.graph.calls.leave(meeting.id, alice.id);
    const path = `/users/${alice.id}/onlineMeetings/${encodeURIComponent(meeting.id)}/attendanceReports?$expand=attendanceRecords`;
    const [viaA, viaB] = await Promise.all([call(a.url, 'GET', path), call(b.url, 'GET', path)]);
    assert.equal(viaA.status, 200);
    const reports = (answer: typeof viaA) => answer.body.value ?? [];
    assert.equal(reports(viaA).length, 1);
    assert.deepEqual(reports(viaB), reports(viaA));
    const records = reports(viaA)[0]?.attendanceRecords as { emailAddress: string; role: string }[];
    assert.deepEqual(records.map((r) => [r.emailAddress, r.role]), [[alice.mail, 'Organizer'], [bob.mail, 'Attendee']]);
  });

  it('keeps a live call live across a restart of both instances', async () => {
    await a.graph.calls.join(meeting.id, alice.id);
    const since = (await a.graph.calls.roster(meeting.id))?.since;
    await stopBoth();
    await startBoth(await openStores());
    const roster = await b.graph.calls.roster(meeting.id);
    assert.deepEqual(roster?.users.map((u) => u.id), [alice.id]);
    assert.deepEqual(roster?.since, since);
    assert.deepEqual(await a.graph.calls.join(meeting.id, bob.id), { started: false });
    assert.deepEqual(await b.graph.calls.leave(meeting.id, alice.id), { ended: false });
    assert.deepEqual(await a.graph.calls.leave(meeting.id, bob.id), { ended: true });
    assert.deepEqual(rx.events, ['callStarted', 'rosterUpdated', 'rosterUpdated', 'rosterUpdated', 'rosterUpdated', 'callEnded']);
  });
}

describe('local Graph: two instances on one SQLite file', () => {
  let dir: string;
  let path: string;
  let n = 0;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'meetbot-local-twins-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => (path = join(dir, `t${n++}.db`)));
  // The same file each time within a test, so a restart opens what the instances wrote.
  suite(async () => [await openStore({ kind: 'sqlite', path }), await openStore({ kind: 'sqlite', path })]);

  describe('calls in the store', () => {
    let store: Store;
    beforeEach(async () => (store = await openStore({ kind: 'sqlite', path })));
    afterEach(async () => store.close());
    callContract(() => store.localGraph);
  });
});

describe('local Graph: two instances on one PostgreSQL database', function () {
  const url = process.env.DATABASE_URL;
  const schema = `meetbot_local_twins_${randomBytes(5).toString('hex')}`;
  let pgSchema = '';
  let n = 0;
  before(function () {
    if (!url) this.skip();
  });
  beforeEach(() => (pgSchema = `${schema}_${n++}`));
  after(async () => {
    if (url) for (let i = 0; i < n; i++) await dropPgSchema(url, `${schema}_${i}`);
  });
  const open = (): Promise<Store> => openStore({ kind: 'postgres', url: url ?? '' }, { pgSchema });
  suite(async () => [await open(), await open()]);

  describe('calls in the store', () => {
    let store: Store;
    beforeEach(async () => (store = await open()));
    afterEach(async () => store.close());
    callContract(() => store.localGraph);
  });
});
