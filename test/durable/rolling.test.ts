// A rolling restart under load: each instance in turn is taken out of the balancer, sent SIGTERM, and started again.
// It stops taking jobs, finishes or hands back what it runs, and exits in time; nothing is lost or answered twice.
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cluster, needsPostgres, spread } from './cluster';

const COMMANDS = 150;
const EXIT_WITHIN_MS = 10_000;

describe('durable: a rolling restart under load', function () {
  this.timeout(120_000);
  let cluster: Cluster | undefined;
  before(function () {
    needsPostgres(this, 'the rolling-restart test');
  });
  after(async () => {
    await cluster?.stop();
  });

  it('loses nothing and answers nothing twice while each instance is SIGTERMed and restarted in turn', async () => {
    const c = (cluster = await Cluster.start({ instances: 3, store: 'postgres', env: { MEETBOT_LOCAL_FAULTS: 'latency=400' } }));
    const exits: number[] = [];
    const roller = (async () => {
      for (const instance of c.instances) {
        await sleep(2000);
        exits.push(await instance.term());
        await instance.start();
      }
    })();
    await spread(COMMANDS, 20_000, (i) => (i % 4 === 3 ? c.teams() : c.slash()));
    await roller;
    const settled = await c.settle(60_000);
    const counts = c.ledger.counts();
    console.log(`      ${JSON.stringify(counts)}; exits after SIGTERM: ${exits.join(', ')} ms`);
    assert.equal(exits.length, 3);
    for (const ms of exits) assert.ok(ms < EXIT_WITHIN_MS, `an instance took ${ms} ms to exit`);
    assert.equal(counts.duplicates, 0, c.ledger.faults());
    assert.equal(counts.lost, 0, `${c.ledger.faults()}\n${c.logs()}`);
    assert.ok(settled);
  });
});
