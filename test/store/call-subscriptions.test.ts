// The call-subscription table, against SQLite (always) and PostgreSQL (when DATABASE_URL is set), with the same checks.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropPgSchema, openStore, type Store } from '../../adapters/store';

const sub = (id: string, expiresAt: string) => ({ id, joinUrl: `https://teams.example/join/${id}`, expiresAt: new Date(expiresAt), meetingEndsAt: new Date('2030-02-01T10:30:00Z') });

function suite(open: () => Promise<Store>): void {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(() => store?.close());

  it('remembers subscriptions and lists those expiring before a time, soonest first, with Dates', async () => {
    await store.callSubscriptions.save(sub('b', '2030-01-03T09:00:00.000Z'));
    await store.callSubscriptions.save(sub('a', '2030-01-02T09:00:00.000Z'));
    await store.callSubscriptions.save(sub('c', '2030-01-09T09:00:00.000Z'));
    const due = await store.callSubscriptions.expiringBefore(new Date('2030-01-04T00:00:00Z'), 10);
    assert.deepEqual(due, [sub('a', '2030-01-02T09:00:00.000Z'), sub('b', '2030-01-03T09:00:00.000Z')]);
    assert.equal((await store.callSubscriptions.expiringBefore(new Date('2030-01-04T00:00:00Z'), 1)).length, 1);
  });

  it('updates a renewed subscription in place and forgets a deleted one', async () => {
    await store.callSubscriptions.save(sub('a', '2030-01-02T09:00:00.000Z'));
    await store.callSubscriptions.save(sub('a', '2030-01-05T09:00:00.000Z'));
    const all = () => store.callSubscriptions.expiringBefore(new Date('2100-01-01T00:00:00Z'), 10);
    assert.deepEqual(await all(), [sub('a', '2030-01-05T09:00:00.000Z')]);
    await store.callSubscriptions.delete('a');
    await store.callSubscriptions.delete('never-there');
    assert.deepEqual(await all(), []);
  });
}

describe('call subscriptions on SQLite', () => {
  let dir: string;
  let n = 0;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'meetbot-subs-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  suite(() => openStore({ kind: 'sqlite', path: join(dir, `t${n++}.db`) }));
});

describe('call subscriptions on PostgreSQL', function () {
  const url = process.env.DATABASE_URL;
  const schema = `meetbot_subs_${randomBytes(5).toString('hex')}`;
  let n = 0;
  before(function () {
    if (!url) this.skip();
  });
  after(async () => {
    if (url) for (let i = 0; i < n; i++) await dropPgSchema(url, `${schema}_${i}`);
  });
  suite(() => openStore({ kind: 'postgres', url: url ?? '' }, { pgSchema: `${schema}_${n++}` }));
});
