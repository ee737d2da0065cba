// Bolt's logger interface on top of the project's Logger. Bolt's debug output can include payloads, so it is dropped;
// what is kept is masked too, because Socket Mode errors can carry the connection URL (its ticket is a credential).
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/bot-api';

/** `line` with Slack tokens (`xoxb-…`, `xapp-…`) and Socket Mode tickets replaced by `[redacted]`. */
function maskSlackSecrets(line: string): string {
  return line.replace(/\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g, '[redacted]').replace(/([?&]ticket=)[^&\s"']+/g, '$1[redacted]');
}

const text = (parts: unknown[]): string =>
  maskSlackSecrets(parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p))).join(' '));

/** A Bolt logger writing to `logger` under `{ component: 'slack' }`. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  let name = 'bolt';
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => logger.info({ component: 'slack', name }, text(msg)),
    warn: (...msg: unknown[]) => logger.warn({ component: 'slack', name }, text(msg)),
    error: (...msg: unknown[]) => logger.error({ component: 'slack', name }, text(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      name = n;
    },
  };
}
