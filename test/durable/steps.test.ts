// A kill at each step of a job: the instance running it is SIGKILLed at that exact moment, another instance takes
// the job once its lease runs out, and the person still gets exactly one card.
import { strict as assert } from 'node:assert';
import pg from 'pg';
import { Cluster, databaseUrl, needsPostgres } from './cluster';
import { isCreate } from './graph-proxy';
import type { Instance } from './instance';
import type { Sent } from './ledger';

/** A short lease, so each recovery takes seconds, not half a minute. */
const LEASE_SECONDS = '6';

const metadataOf = (args: Record<string, unknown>): unknown => (args.metadata as { event_payload?: { delivery?: unknown } } | undefined)?.event_payload?.delivery;

describe('durable: an instance killed at each step of a job', function () {
  this.timeout(60_000);
  let cluster: Cluster | undefined;
  let killed: Instance | undefined;
  const c = (): Cluster => {
    if (!cluster) throw new Error('no cluster');
    return cluster;
  };
  /** Kills the instance tagged `tag` once (the first time the step is reached). */
  const killOnce = (tag: string): void => {
    if (killed) return;
    killed = c().instance(tag);
    void c().kill(killed);
  };

  before(async function () {
    needsPostgres(this, 'the kill-at-each-step tests');
    this.timeout(60_000);
    cluster = await Cluster.start({ instances: 3, store: 'postgres', separateGraph: true, env: { MEETBOT_JOB_LEASE_SECONDS: LEASE_SECONDS } });
  });
  afterEach(async () => {
    const cl = cluster;
    if (!cl) return;
    cl.slack.beforeReply = undefined;
    cl.onSlackAnswered = undefined;
    cl.connector.beforeReply = undefined;
    if (cl.graph) cl.graph.afterGraph = undefined;
    if (killed) await killed.start();
    killed = undefined;
  });
  after(async () => {
    await cluster?.stop();
  });

  /** Waits for the answer and checks it is one card, from a try after the kill. */
  async function oneCard(sent: Sent): Promise<void> {
    assert.ok(sent.acknowledged);
    assert.ok(await c().settle(40_000), `no answer\n${c().logs()}`);
    assert.ok(await c().jobDone(sent.id, 40_000), `the job was not finished\n${c().logs()}`);
    // A second card would come moments after the first: give it the chance.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.ok(killed, 'the step was reached and its instance killed');
    const answers = c().ledger.answers().get(sent.id) ?? [];
    assert.deepEqual(answers.map((a) => a.kind), ['card'], c().logs());
  }

  it('Slack: recovers a job killed after the meeting was created, before its instance heard back', async () => {
    const graph = c().graph;
    if (graph) graph.afterGraph = (call) => (isCreate(call) && !killed ? (killOnce(call.tag), 'hang') : undefined);
    const meetings = async () => Number((await c().sql<{ n: string }>('SELECT count(*) AS n FROM meetings'))[0]?.n);
    const before = await meetings();
    await oneCard(await c().slash());
    assert.equal(await meetings(), before + 1, 'the retry found the meeting the killed try created');
  });

  it('Slack: recovers a job killed after the card was posted, before Slack answered', async () => {
    c().slack.beforeReply = (call) => (call.method === 'chat.postMessage' && metadataOf(call.args) && call.tag && !killed ? (killOnce(call.tag), 'hang') : undefined);
    const sent = await c().slash();
    await oneCard(sent);
    assert.equal(c().slack.of('chat.update').length >= 1, true, 'the retry updated the card it found');
  });

  it('Slack: recovers a job killed after Slack answered, before the bot recorded the card', async () => {
    c().onSlackAnswered = (call) => {
      if (call.method === 'chat.postMessage' && metadataOf(call.args) && call.tag) killOnce(call.tag);
    };
    await oneCard(await c().slash());
  });

  it('Teams: recovers a job killed after the meeting was created, before its instance heard back', async () => {
    const graph = c().graph;
    if (graph) graph.afterGraph = (call) => (isCreate(call) && !killed ? (killOnce(call.tag), 'hang') : undefined);
    await oneCard(await c().teams());
  });

  it('Teams: recovers a job killed after the card and its answer were recorded, before the job was done', async () => {
    // The instance that created the meeting runs the job; a lock on its job row holds pg-boss's "completed" back.
    let runner: string | undefined;
    const graph = c().graph;
    if (graph) graph.afterGraph = (call) => void (isCreate(call) ? (runner = call.tag) : undefined);
    const lock = new pg.Client({ connectionString: databaseUrl(), application_name: 'meetbot_durable_lock' });
    await lock.connect();
    const schema = c().schema;
    const posts = (): number => c().connector.calls.filter((x) => x.method === 'POST' || x.method === 'PUT').length;
    try {
      let held: Promise<void> | undefined;
      // When the card reaches the connector, its job row is locked before the connector answers.
      c().connector.beforeReply = (call) => {
        if (call.method !== 'POST' || !Array.isArray(call.activity.attachments) || held) return undefined;
        // The reply chain names the mention: `…;messageid=<its activity id>`.
        const mention = /;messageid=(\d+)$/.exec(call.conversationId)?.[1] ?? '';
        held = (async () => {
          await lock.query('BEGIN');
          await lock.query(`SELECT id FROM "${schema}".job WHERE name = 'meetbot-command' AND state = 'active' AND data->'data'->>'key' LIKE '%:' || $1 FOR UPDATE`, [mention]);
        })();
        return held;
      };
      const sent = await c().teams();
      for (let i = 0; i < 400 && !killed; i++) {
        const [answered] = await c().sql<{ n: string }>("SELECT count(*) AS n FROM seen_events WHERE key LIKE '%:' || $1 || '#answered'", [sent.id]);
        if (Number(answered?.n) > 0 && runner) killOnce(runner);
        else await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const before = posts();
      // Its blocked "completed" would otherwise go through once the lock is gone, though its process is dead.
      await c().sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [schema]);
      await lock.query('ROLLBACK');
      await oneCard(sent);
      assert.equal(posts(), before, 'the retry found the delivery answered and sent nothing');
    } finally {
      await lock.end();
    }
  });
});
