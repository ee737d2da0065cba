// MEETBOT_COUNT_WORK: how much store work the server does, on /metrics, so the benchmark can print it per command.
// Off by default; when off the store is opened without a query hook, so nothing is counted or paid for.
import { Counter, type Registry } from 'prom-client';
import type { ConnectOptions } from '../store/index';
import { queryCounting } from '../store/query-count';

/**
 * Store options counting every statement by kind, and the bytes inserts and updates carry, into `registry`. The
 * counts are kept as plain numbers and handed to the counters when /metrics is read: a labelled counter hashes its
 * labels on every increment, and this one is incremented for every statement.
 */
export function workCounting(registry: Registry): Pick<ConnectOptions, 'onQuery'> {
  const byKind = new Map<string, number>();
  let bytesWritten = 0;
  new Counter({
    name: 'meetbot_store_statements_total', help: 'SQL statements the store ran, by kind (MEETBOT_COUNT_WORK)', labelNames: ['kind'], registers: [registry],
    collect() {
      this.reset();
      for (const [kind, n] of byKind) this.inc({ kind }, n);
    },
  });
  new Counter({
    name: 'meetbot_store_bytes_written_total', help: 'Bytes of values inserted or updated by the store (MEETBOT_COUNT_WORK)', registers: [registry],
    collect() {
      this.reset();
      this.inc(bytesWritten);
    },
  });
  return queryCounting((kind, bytes) => {
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    bytesWritten += bytes;
  });
}
