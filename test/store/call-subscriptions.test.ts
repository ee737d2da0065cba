// The call-subscription table, against SQLite (always) and PostgreSQL (when DATABASE_URL is set), with the same checks.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { dropPgSchema, openStore, type Store } from '../../adapters/store';
import { callSubscriptionStore } from '../../adapters/store/call-subscriptions';
import { connect } from '../../adapters/store/connect';
import { migrate, MIGRATIONS } from '../../adapters/store/migrations';

const sub = (id: string, expiresAt: string) => ({
  id, joinUrl: `https://teams.example/join/${id}`, expiresAt: new Date(expiresAt), meetingEndsAt: new Date('2030-02-01T10:30:00Z'), clientState: `secret-of-${id}`,
});

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

  it('finds one subscription by id with its own secret', async () => {
    await store.callSubscriptions.save(sub('a', '2030-01-02T09:00:00.000Z'));
    await store.callSubscriptions.save(sub('b', '2030-01-02T09:00:00.000Z'));
    assert.deepEqual(await store.callSubscriptions.find('b'), sub('b', '2030-01-02T09:00:00.000Z'));
    assert.equal(await store.callSubscriptions.find('c'), undefined);
  });

  it('lists a subscription without a secret as due whatever its expiry, so the renewer replaces it', async () => {
    const { clientState: _none, ...legacy } = sub('old', '2030-01-20T09:00:00.000Z');
    await store.callSubscriptions.save(legacy);
    await store.callSubscriptions.save(sub('a', '2030-01-02T09:00:00.000Z'));
    await store.callSubscriptions.save(sub('c', '2030-01-09T09:00:00.000Z'));
    assert.deepEqual(await store.callSubscriptions.expiringBefore(new Date('2030-01-04T00:00:00Z'), 10), [sub('a', '2030-01-02T09:00:00.000Z'), legacy]);
    assert.deepEqual(await store.callSubscriptions.find('old'), legacy);
  });
}

/** A subscription row written before 2026_005 reads back without a secret after the upgrade. */
function upgradeSuite(open: () => Promise<{ db: Awaited<ReturnType<typeof connect>>; schema?: string }>): void {
  it('keeps rows from before per-subscription secrets, without one', async () => {
    const { db, schema } = await open();
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(schema ? { migrationTableSchema: schema } : {}) });
      assert.equal((await migrator.migrateTo('2026_004_local_subscription_keys')).error, undefined);
      await sql`insert into call_subscriptions (id, join_url, expires_at, meeting_ends_at)
        values (${'old'}, ${'https://teams.example/join/old'}, ${'2030-01-20T09:00:00.000Z'}, ${'2030-02-01T10:30:00.000Z'})`.execute(db);
      await migrate(db, schema);
      assert.deepEqual(await callSubscriptionStore(db).find('old'), {
        id: 'old', joinUrl: 'https://teams.example/join/old', expiresAt: new Date('2030-01-20T09:00:00.000Z'), meetingEndsAt: new Date('2030-02-01T10:30:00.000Z'),
      });
    } finally {
      await db.destroy();
    }
  });
}

describe('call subscriptions on SQLite', () => {
  let dir: string;
  let n = 0;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'meetbot-subs-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  suite(() => openStore({ kind: 'sqlite', path: join(dir, `t${n++}.db`) }));
  upgradeSuite(async () => ({ db: await connect({ kind: 'sqlite', path: join(dir, `u${n++}.db`) }) }));
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
  upgradeSuite(async () => {
    const pgSchema = `${schema}_${n++}`;
    return { db: await connect({ kind: 'postgres', url: url ?? '' }, { pgSchema }), schema: pgSchema };
  });
});
