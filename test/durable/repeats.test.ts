// Slack and Teams deliver again when unsure, and a load balancer may hand each copy to a different instance: the
// same slash command and the same app_mention event, sent to all three instances at once, make one meeting and one card.
import { strict as assert } from 'node:assert';
import { Cluster, needsPostgres } from './cluster';

const TIMES = 50;

describe('durable: one delivery received by every instance at once', function () {
  this.timeout(120_000);
  let cluster: Cluster | undefined;
  before(function () {
    needsPostgres(this, 'the repeated-delivery test');
  });
  after(async () => {
    await cluster?.stop();
  });

  it('makes one meeting and posts one card for each slash command and each app mention', async () => {
    const c = (cluster = await Cluster.start({ instances: 3, store: 'postgres' }));
    for (let i = 0; i < TIMES; i += 5) {
      await Promise.all(Array.from({ length: 5 }, () => Promise.all([c.slash(c.instances), c.mention(c.instances)])));
    }
    assert.ok(await c.settle(60_000), c.ledger.faults());
    const counts = c.ledger.counts();
    assert.deepEqual({ acknowledged: counts.acknowledged, cards: counts.cards, explanations: counts.explanations, duplicates: counts.duplicates }, { acknowledged: TIMES * 2, cards: TIMES * 2, explanations: 0, duplicates: 0 }, c.ledger.faults());
    const [meetings] = await c.sql<{ n: string }>('SELECT count(*) AS n FROM meetings');
    assert.equal(Number(meetings?.n), TIMES * 2);
    const answers = c.ledger.answers();
    for (const kind of ['command', 'mention'] as const) {
      const cards = c.ledger.sent.filter((s) => (kind === 'command' ? s.channel !== undefined : s.channel === undefined)).filter((s) => answers.get(s.id)?.length === 1);
      assert.equal(cards.length, TIMES, `one card for each ${kind}`);
    }
  });
});
