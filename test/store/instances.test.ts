// Two server instances on one database (two stores, two connection pools): their writes to one meeting
// are settled by the compare-and-set, on SQLite and (when DATABASE_URL is set) PostgreSQL alike.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropPgSchema, openStore, type Store } from '../../adapters/store';
import { record } from './contract';

function suite(openTwins: () => Promise<[Store, Store]>): void {
  let one: Store;
  let two: Store;
  beforeEach(async () => {
    [one, two] = await openTwins();
  });
  afterEach(async () => {
    await one?.close();
    await two?.close();
  });

  it('lets exactly one of two instances win a compare-and-set on the same version', async () => {
    await one.saveMeeting(record('m1'));
    const read1 = await one.getMeeting('m1');
    const read2 = await two.getMeeting('m1');
    assert.equal(read1?.version, 0);
    assert.equal(read2?.version, 0);
    const mine = { ...record('m1'), status: 'cancelled' as const };
    const theirs = { ...record('m1'), call: { state: 'idle' as const } };
    const [a, b] = await Promise.all([one.updateMeeting(mine, 0), two.updateMeeting(theirs, 0)]);
    assert.equal(Number(a) + Number(b), 1);
    const stored = await two.getMeeting('m1');
    assert.deepEqual(stored, { ...(a ? mine : theirs), version: 1 });
    // The loser reads again and writes on top of the winner's version.
    assert.equal(await (a ? two : one).updateMeeting({ ...stored!, updatedAt: new Date('2030-06-01T00:00:00Z') }, 1), true);
    assert.equal((await one.getMeeting('m1'))?.version, 2);
  });
}

describe('two store instances on one SQLite file', () => {
  let dir: string;
  let n = 0;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'meetbot-twins-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  suite(async () => {
    const path = join(dir, `t${n++}.db`);
    const first = await openStore({ kind: 'sqlite', path });
    return [first, await openStore({ kind: 'sqlite', path })];
  });
});

describe('two store instances on one PostgreSQL database', function () {
  const url = process.env.DATABASE_URL;
  const schema = `meetbot_twins_${randomBytes(5).toString('hex')}`;
  let n = 0;
  before(function () {
    if (!url) this.skip();
  });
  after(async () => {
    if (url) for (let i = 0; i < n; i++) await dropPgSchema(url, `${schema}_${i}`);
  });
  suite(async () => {
    const db = { kind: 'postgres' as const, url: url ?? '' };
    const pgSchema = `${schema}_${n++}`;
    const first = await openStore(db, { pgSchema });
    return [first, await openStore(db, { pgSchema })];
  });
});
