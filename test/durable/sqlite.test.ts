// One instance on a SQLite file, SIGKILLed mid-burst and started again on the same file: the jobs it had taken come
// back when their lease runs out, and no acknowledged command is lost.
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cluster, needsPostgres, spread } from './cluster';

const COMMANDS = 50;

describe('durable: one instance on SQLite, killed mid-burst', function () {
  this.timeout(120_000);
  let cluster: Cluster | undefined;
  before(function () {
    // With the other durable tests: it starts processes and waits out a lease.
    needsPostgres(this, 'the SQLite kill test');
  });
  after(async () => {
    await cluster?.stop();
  });

  it('answers every acknowledged command once after kill -9 and a restart on the same file', async () => {
    const c = (cluster = await Cluster.start({ instances: 1, store: 'sqlite', env: { MEETBOT_JOB_LEASE_SECONDS: '6', MEETBOT_LOCAL_FAULTS: 'latency=400' } }));
    const [only] = c.instances;
    if (!only) throw new Error('no instance');
    const killer = (async () => {
      await sleep(1500);
      await c.kill(only);
      await only.start();
    })();
    await spread(COMMANDS, 3000, () => c.slash());
    await killer;
    const settled = await c.settle(60_000);
    const counts = c.ledger.counts();
    console.log(`      ${JSON.stringify(counts)}`);
    assert.ok(counts.recovered > 0 || counts.acknowledged > 0);
    assert.equal(counts.duplicates, 0, c.ledger.faults());
    assert.equal(counts.lost, 0, `${c.ledger.faults()}\n${c.logs()}`);
    assert.ok(settled);
  });
});
