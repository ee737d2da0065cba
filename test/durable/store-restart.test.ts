// The store going away mid-run: every PostgreSQL connection of the instances is cut, a few times, during a burst.
// Each command the platform saw acknowledged still ends in one card or one explanation.
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cluster, needsPostgres, spread } from './cluster';

const COMMANDS = 100;

describe('durable: the store cutting every connection mid-run', function () {
  this.timeout(120_000);
  let cluster: Cluster | undefined;
  before(function () {
    needsPostgres(this, 'the store-restart test');
  });
  after(async () => {
    await cluster?.stop();
  });

  it('ends every acknowledged command in one card or one explanation while its connections are terminated', async () => {
    const c = (cluster = await Cluster.start({ instances: 3, store: 'postgres' }));
    let cuts = 0;
    const cutter = (async () => {
      for (const at of [1000, 1500, 1500]) {
        await sleep(at);
        const cut = await c.sql<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1', [c.schema]);
        cuts += cut.length;
      }
    })();
    await spread(COMMANDS, 5000, (i) => (i % 4 === 3 ? c.teams() : c.slash()));
    await cutter;
    const settled = await c.settle(60_000);
    const counts = c.ledger.counts();
    console.log(`      ${JSON.stringify(counts)}; connections cut: ${cuts}`);
    assert.ok(cuts > 0, 'connections were cut');
    assert.equal(counts.duplicates, 0, `${c.ledger.faults()}\n${c.logs()}`);
    assert.equal(counts.lost, 0, `${c.ledger.faults()}\n${c.logs()}`);
    assert.ok(settled);
    for (const instance of c.instances) assert.ok(instance.running, `${instance.name} did not survive:\n${instance.logs()}`);
  });
});
