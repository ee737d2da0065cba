// Prometheus metrics for the server: one registry per server, so several servers (tests) never collide.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The meetbot_ series and the registry that holds them (with the default process metrics). */
export interface Metrics {
  readonly registry: Registry;
  readonly commands: Counter<'platform' | 'kind'>;
  readonly meetingsCreated: Counter;
  readonly errors: Counter<'code'>;
  readonly graphRequestDuration: Histogram<'method' | 'status'>;
  /** From the platform's delivery to the start of each try of its job (a recovered one waited for its lease). */
  readonly jobStartDelay: Histogram<'kind' | 'retry'>;
  /** How long each sent reply went unrecorded: the window in which a crash makes a retry answer twice. */
  readonly replyUnrecorded: Histogram;
}

/** Creates the registry and the meetbot_ series. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    commands: new Counter({
      name: 'meetbot_commands_total',
      help: 'Commands and card actions handled, by platform and kind',
      labelNames: ['platform', 'kind'],
      registers: [registry],
    }),
    meetingsCreated: new Counter({ name: 'meetbot_meetings_created_total', help: 'Online meetings created', registers: [registry] }),
    errors: new Counter({ name: 'meetbot_errors_total', help: 'Error replies sent to users, by error code', labelNames: ['code'], registers: [registry] }),
    graphRequestDuration: new Histogram({
      name: 'meetbot_graph_request_duration_seconds',
      help: 'Duration of HTTP requests to Microsoft Graph (or the local Graph-compatible service), by method and status',
      labelNames: ['method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobStartDelay: new Histogram({
      name: 'meetbot_job_start_delay_seconds',
      help: 'From the platform delivering a command to a try of its job starting, by kind and whether it was a retry',
      labelNames: ['kind', 'retry'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60],
      registers: [registry],
    }),
    replyUnrecorded: new Histogram({
      name: 'meetbot_reply_unrecorded_seconds',
      help: 'From a reply being sent to it being recorded as sent (a crash in between makes the retry answer again)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers: [registry],
    }),
  };
}
