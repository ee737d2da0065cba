// Upgrading a database made before versions and subscription keys: rows written then keep working.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import { connect } from '../../adapters/store/connect';
import { localGraphRepo } from '../../adapters/store/local-graph';
import { meetingStore } from '../../adapters/store/meetings';
import { migrate, MIGRATIONS } from '../../adapters/store/migrations';
import { toJson } from '../../adapters/store/json';
import { dropPgSchema } from '../../adapters/store';
import type { DB } from '../../adapters/store/schema';
import { record } from './contract';

const BEFORE = '2026_002_call_subscriptions';

function suite(open: () => Promise<{ db: Kysely<DB>; schema?: string }>): void {
  it('keys and dates subscriptions made before the upgrade, and reads old meetings at version 0', async () => {
    const { db, schema } = await open();
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, ...(schema ? { migrationTableSchema: schema } : {}) });
      const { error } = await migrator.migrateTo(BEFORE);
      assert.equal(error, undefined);
      const old = {
        id: 'old-sub',
        resource: `communications/onlineMeetings(joinWebUrl='${encodeURIComponent('http://127.0.0.1:3978/local/meetings/tok-1')}')/meetingCallEvents`,
        changeType: 'updated',
        notificationUrl: 'http://127.0.0.1/n',
        clientState: null,
        expirationDateTime: new Date('2030-01-02T00:00:00Z'),
        createdAt: new Date('2030-01-01T00:00:00Z'),
      };
      await sql`insert into local_subscriptions (id, data) values (${old.id}, ${toJson(old)})`.execute(db);
      const r = record('m1');
      await sql`insert into meetings (id, organizer_id, join_url, status, starts_at, ends_at, record, updated_at)
        values (${'m1'}, ${'org-1'}, ${r.meeting.joinUrl}, ${'active'}, ${r.meeting.start.toISOString()}, ${r.meeting.end.toISOString()}, ${toJson(r)}, ${r.updatedAt.toISOString()})`.execute(db);

      await migrate(db, schema);
      const repo = localGraphRepo(db);
      assert.deepEqual(await repo.subscriptionsFor('tok-1', new Date('2030-01-01T12:00:00Z')), [{ ...old, joinToken: 'tok-1' }]);
      assert.deepEqual(await repo.subscriptionsFor('tok-1', new Date('2030-01-02T00:00:00Z')), []);
      assert.equal(await repo.pruneSubscriptions(new Date('2030-01-03T00:00:00Z'), 10), 1);
      const meetings = meetingStore(db);
      assert.equal((await meetings.getMeeting('m1'))?.version, 0);
      assert.equal(await meetings.updateMeeting(r, 0), true);
    } finally {
      await db.destroy();
    }
  });
}

describe('store migrations on SQLite', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'meetbot-migrate-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  suite(async () => ({ db: await connect({ kind: 'sqlite', path: join(dir, 'old.db') }) }));
});

describe('store migrations on PostgreSQL', function () {
  const url = process.env.DATABASE_URL;
  const schema = `meetbot_migrate_${randomBytes(5).toString('hex')}`;
  before(function () {
    if (!url) this.skip();
  });
  after(async () => {
    if (url) await dropPgSchema(url, schema);
  });
  suite(async () => ({ db: await connect({ kind: 'postgres', url: url ?? '' }, { pgSchema: schema }), schema }));
});
