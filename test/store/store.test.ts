// The store against SQLite (always) and PostgreSQL (when DATABASE_URL is set), with the same suite.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropPgSchema, openStore } from '../../adapters/store';
import { record } from './contract';
import { storeSuite } from './suite';

describe('store on SQLite', () => {
  let dir: string;
  let n = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-store-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  storeSuite(() => openStore({ kind: 'sqlite', path: join(dir, `t${n++}.db`) }));

  it('creates the folder of the database file and keeps data across reopening', async () => {
    const path = join(dir, 'nested', 'deeper', 'meetbot.db');
    const first = await openStore({ kind: 'sqlite', path });
    await first.saveMeeting(record('persisted'));
    await first.close();
    assert.ok(existsSync(path));
    const second = await openStore({ kind: 'sqlite', path });
    assert.equal((await second.getMeeting('persisted'))?.meeting.id, 'persisted');
    await second.close();
  });

  it('explains what went wrong when the file cannot be opened', async () => {
    await assert.rejects(openStore({ kind: 'sqlite', path: join(dir, 'x\0bad', 'db') }), /Cannot open the SQLite file/);
  });
});

describe('store on PostgreSQL', function () {
  const url = process.env.DATABASE_URL;
  const schema = `meetbot_test_${randomBytes(5).toString('hex')}`;
  let n = 0;
  before(function () {
    if (!url) {
      console.log('    PostgreSQL store tests skipped: DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test).');
      this.skip();
    }
  });
  after(async () => {
    if (url) await dropPgSchema(url, schema);
  });

  // Each test gets its own schema so they start empty; all live under this run's prefix.
  storeSuite(() => openStore({ kind: 'postgres', url: url ?? '' }, { pgSchema: `${schema}_${n++}` }));

  after(async () => {
    if (!url) return;
    for (let i = 0; i < n; i++) await dropPgSchema(url, `${schema}_${i}`);
  });

  it('explains what went wrong when the server refuses', async () => {
    await assert.rejects(openStore({ kind: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' }), /Cannot open the PostgreSQL database in DATABASE_URL/);
  });
});
