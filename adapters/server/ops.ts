// Operations endpoints: liveness, readiness (each dependency checked with a short timeout) and Prometheus metrics.
import { Router } from 'express';
import type { Registry } from 'prom-client';
import type { JobQueue } from '../jobs/queue';

/** A dependency readiness depends on; `check` rejects (or times out) when it does not answer. */
export interface ReadinessCheck {
  readonly name: string;
  check(signal: AbortSignal): Promise<void>;
}

/** Options for the ops routes. */
export interface OpsOptions {
  readonly checks: readonly ReadinessCheck[];
  readonly registry: Registry;
  /** True once shutdown began: readiness fails so load balancers stop sending work. */
  readonly draining: () => boolean;
  readonly timeoutMs?: number;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<string> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(`no answer within ${timeoutMs} ms`);
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      check.check(controller.signal).then(
        () => 'ok',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The paths the ops router answers (probes and scrapers, never browsers). */
export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'] as const;

/** GET /healthz, /readyz and /metrics. */
export function opsRouter(options: OpsOptions): Router {
  const router = Router();
  const timeoutMs = options.timeoutMs ?? 2000;
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(options.checks.map(async (c) => [c.name, await runCheck(c, timeoutMs)] as const));
    const checks: Record<string, string> = Object.fromEntries(results);
    if (options.draining()) checks.shutdown = 'shutting down';
    const failed = Object.entries(checks).filter(([, v]) => v !== 'ok').map(([k]) => k);
    res.status(failed.length ? 503 : 200).json({ status: failed.length ? 'unavailable' : 'ready', checks, ...(failed.length ? { failed } : {}) });
  });
  router.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', options.registry.contentType);
    res.send(await options.registry.metrics());
  });
  return router;
}

/** A readiness check that the Graph-compatible service at `baseUrl` answers (any status below 500: a 401 still answers). */
export function graphAnswers(baseUrl: () => string, fetchImpl: typeof fetch = fetch): ReadinessCheck {
  return {
    name: 'meetings',
    async check(signal) {
      const response = await fetchImpl(`${baseUrl()}/users?$top=1`, { signal });
      await response.arrayBuffer();
      if (response.status >= 500) throw new Error(`meeting service answered HTTP ${response.status}`);
    },
  };
}

/** A readiness check that the job queue's database answers. */
export function queueAnswers(queue: Pick<JobQueue, 'ping'>): ReadinessCheck {
  return { name: 'queue', check: () => queue.ping() };
}
