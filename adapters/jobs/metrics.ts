// The job queue's Prometheus series: depth, age, running and dead jobs read at each scrape; retries, dead letters
// and recoveries counted as they happen on this instance.
import { Counter, Gauge, type Registry } from 'prom-client';
import { JOB_NAMES, type JobQueue, type QueueStats } from './queue';

/** Registers the meetbot_queue_ series for `queue` on `registry`. */
export function registerQueueMetrics(registry: Registry, queue: Pick<JobQueue, 'stats' | 'onEvent'>): void {
  // One stats query serves every gauge of a scrape (prom-client collects them all at once).
  let inFlight: Promise<QueueStats | undefined> | undefined;
  const stats = (): Promise<QueueStats | undefined> => {
    // A database that does not answer leaves the last values; /readyz says what is wrong.
    inFlight ??= queue.stats().catch(() => undefined).finally(() => (inFlight = undefined));
    return inFlight;
  };
  const registers = [registry];
  new Gauge({
    name: 'meetbot_queue_depth', help: 'Jobs waiting to run (queued or waiting to retry), by queue', labelNames: ['queue'], registers,
    async collect() {
      const s = await stats();
      if (s) for (const name of JOB_NAMES) this.set({ queue: name }, s.depth[name]);
    },
  });
  new Gauge({
    name: 'meetbot_queue_oldest_job_age_seconds', help: 'How long the oldest job due to run has waited, by queue (0 when none waits)', labelNames: ['queue'], registers,
    async collect() {
      const s = await stats();
      if (s) for (const name of JOB_NAMES) this.set({ queue: name }, s.oldestAgeSeconds[name]);
    },
  });
  new Gauge({
    name: 'meetbot_queue_active_jobs', help: 'Jobs running now, on any instance', registers,
    async collect() {
      const s = await stats();
      if (s) this.set(s.active);
    },
  });
  new Gauge({
    name: 'meetbot_queue_dead_jobs', help: 'Jobs that ran out of retries (see `meetbot jobs`)', registers,
    async collect() {
      const s = await stats();
      if (s) this.set(s.dead);
    },
  });
  const counters = {
    retried: new Counter({ name: 'meetbot_queue_retries_total', help: 'Tries that failed and will run again, by queue', labelNames: ['queue'], registers }),
    dead: new Counter({ name: 'meetbot_queue_dead_letters_total', help: 'Jobs that ran out of retries on this instance, by queue', labelNames: ['queue'], registers }),
    recovered: new Counter({ name: 'meetbot_queue_recovered_total', help: 'Jobs started again after their previous try\'s lease ran out (its instance died or stalled), by queue', labelNames: ['queue'], registers }),
  };
  for (const name of JOB_NAMES) for (const c of Object.values(counters)) c.inc({ queue: name }, 0);
  queue.onEvent((event) => counters[event.type].inc({ queue: event.name }));
}
