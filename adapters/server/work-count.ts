// MEETBOT_COUNT_WORK: how much store work the server does, on /metrics, so the benchmark can print it per command.
// Off by default; when off the store is opened without a query hook, so nothing is counted or paid for.
import { Counter, type Registry } from 'prom-client';
import type { ConnectOptions } from '../store/index';
import { queryCounting } from '../store/query-count';

/** Store options counting every statement by kind, and the bytes inserts and updates carry, into `registry`. */
export function workCounting(registry: Registry): Pick<ConnectOptions, 'onQuery'> {
  const statements = new Counter({ name: 'meetbot_store_statements_total', help: 'SQL statements the store ran, by kind (MEETBOT_COUNT_WORK)', labelNames: ['kind'], registers: [registry] });
  const written = new Counter({ name: 'meetbot_store_bytes_written_total', help: 'Bytes of values inserted or updated by the store (MEETBOT_COUNT_WORK)', registers: [registry] });
  return queryCounting((kind, bytes) => {
    statements.inc({ kind });
    if (bytes) written.inc(bytes);
  });
}
