// The queue's /metrics series, read from a queue double: gauges at scrape time, counters from its events.
import { strict as assert } from 'node:assert';
import { Registry } from 'prom-client';
import { registerQueueMetrics } from '../../adapters/jobs/metrics';
import type { JobQueue, QueueEvent, QueueStats } from '../../adapters/jobs';
import { queueAnswers } from '../../adapters/server/ops';

function queueDouble(stats: () => Promise<QueueStats>) {
  const listeners: ((e: QueueEvent) => void)[] = [];
  const queue: Pick<JobQueue, 'stats' | 'onEvent' | 'ping'> = {
    stats,
    onEvent: (l) => void listeners.push(l),
    ping: () => stats().then(() => undefined),
  };
  return { queue, emit: (e: QueueEvent) => listeners.forEach((l) => l(e)) };
}

const STATS: QueueStats = {
  depth: { 'meetbot-command': 3, 'meetbot-call-event': 0, 'meetbot-subscribe': 1, 'meetbot-summary': 0 },
  oldestAgeSeconds: { 'meetbot-command': 42.5, 'meetbot-call-event': 0, 'meetbot-subscribe': 2, 'meetbot-summary': 0 },
  active: 2,
  dead: 1,
};

describe('job queue metrics', () => {
  it('reports depth, oldest age, running and dead jobs at each scrape', async () => {
    const registry = new Registry();
    let stats = STATS;
    let queries = 0;
    registerQueueMetrics(registry, queueDouble(async () => (queries++, stats)).queue);
    const text = await registry.metrics();
    assert.match(text, /^meetbot_queue_depth\{queue="meetbot-command"\} 3$/m);
    assert.match(text, /^meetbot_queue_oldest_job_age_seconds\{queue="meetbot-command"\} 42.5$/m);
    assert.match(text, /^meetbot_queue_active_jobs 2$/m);
    assert.match(text, /^meetbot_queue_dead_jobs 1$/m);
    assert.equal(queries, 1, 'one stats query per scrape');
    stats = { ...STATS, dead: 4 };
    assert.match(await registry.metrics(), /^meetbot_queue_dead_jobs 4$/m);
  });

  it('counts retries, dead letters and recoveries per queue, from zero', async () => {
    const registry = new Registry();
    const { queue, emit } = queueDouble(async () => STATS);
    registerQueueMetrics(registry, queue);
    assert.match(await registry.metrics(), /^meetbot_queue_recovered_total\{queue="meetbot-call-event"\} 0$/m);
    emit({ type: 'retried', name: 'meetbot-command' });
    emit({ type: 'retried', name: 'meetbot-command' });
    emit({ type: 'dead', name: 'meetbot-command' });
    emit({ type: 'recovered', name: 'meetbot-subscribe' });
    const text = await registry.metrics();
    assert.match(text, /^meetbot_queue_retries_total\{queue="meetbot-command"\} 2$/m);
    assert.match(text, /^meetbot_queue_dead_letters_total\{queue="meetbot-command"\} 1$/m);
    assert.match(text, /^meetbot_queue_recovered_total\{queue="meetbot-subscribe"\} 1$/m);
  });

  it('keeps the scrape working when the database does not answer', async () => {
    const registry = new Registry();
    registerQueueMetrics(registry, queueDouble(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).queue);
    assert.match(await registry.metrics(), /meetbot_queue_retries_total/);
  });

  it('is not ready while the queue\'s database does not answer', async () => {
    const check = queueAnswers(queueDouble(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).queue);
    assert.equal(check.name, 'queue');
    await assert.rejects(check.check(new AbortController().signal), /ECONNREFUSED/);
  });
});
