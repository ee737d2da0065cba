// The kill test: three instances under load, one SIGKILLed every 5 s and started again. Every acknowledged command
// ends in exactly one card or one explanation: none lost, none answered twice.
import { strict as assert } from 'node:assert';
import { percentile } from '../../bench/stats';
import { Cluster, needsPostgres, spread } from './cluster';

const SLACK_COMMANDS = 300;
const TEAMS_MENTIONS = 100;
const LOAD_MS = 30_000;
const KILL_EVERY_MS = 5_000;

describe('durable: instances killed under load', function () {
  this.timeout(150_000);
  let cluster: Cluster | undefined;
  before(function () {
    needsPostgres(this, 'the kill test');
  });
  afterEach(async () => {
    await cluster?.stop();
    cluster = undefined;
  });

  it('answers every acknowledged command exactly once while a random instance is SIGKILLed every 5 s', async () => {
    const c = (cluster = await Cluster.start({ instances: 3, store: 'postgres', env: { MEETBOT_LOCAL_FAULTS: 'latency=400' } }));
    const total = SLACK_COMMANDS + TEAMS_MENTIONS;
    let loading = true;
    const restarts: Promise<void>[] = [];
    const killer = (async () => {
      while (loading) {
        await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
        const up = c.instances.filter((i) => i.up);
        const victim = up[Math.floor(Math.random() * up.length)];
        if (!loading || !victim || up.length < 2) continue;
        await c.kill(victim);
        restarts.push(victim.start());
      }
    })();
    // Every fourth command is a Teams mention, the rest slash commands, interleaved over the whole run.
    await spread(total, LOAD_MS, (i) => (i % 4 === 3 ? c.teams() : c.slash()));
    loading = false;
    await killer;
    await Promise.all(restarts);
    const settled = await c.settle(60_000);
    const counts = c.ledger.counts();
    const times = c.recoveryTimes();
    const window = c.teamsWindowDuplicates();
    console.log(`      ${JSON.stringify(counts)}; kills: ${c.stops.length}; Teams answered twice in the connector's window: ${window.length}${window.length ? ` (killed ${window.map((w) => w.killedAfterMs).join(', ')} ms after the card was accepted)` : ''}`);
    console.log(`      kill to recovered card: p50 ${percentile(times, 50)} ms, p99 ${percentile(times, 99)} ms (${times.length} cards)`);
    assert.equal(counts.duplicates - window.length, 0, c.ledger.faults());
    assert.equal(counts.lost, 0, `${c.ledger.faults()}\n${c.logs()}`);
    assert.ok(settled);
    assert.ok(c.stops.length >= 4, 'instances were killed during the load');
    assert.ok(counts.acknowledged >= total * 0.9, 'most commands were acknowledged');
  });
});
