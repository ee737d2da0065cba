// Starts a real meetbot server in-process for tests: local Graph over loopback, SQLite in a temp dir, logs captured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig, type Env } from '../../adapters/config';
import { createServer, type MeetbotServer, type ServerOptions } from '../../adapters/server';
import { createLogger } from '../../adapters/server/logger';

/** A started test server. */
export interface TestServer {
  readonly url: string;
  readonly server: MeetbotServer;
  /** Every log line so far, parsed. */
  logs(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Starts meetbot with `env` (plus PORT=0 and a fresh SQLite file); logs go to memory. `fetch` is the Graph client's. */
export async function startTestServer(env: Env = {}, opts: Pick<ServerOptions, 'fetch' | 'calling'> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'meetbot-test-'));
  const loaded = loadConfig({ PORT: '0', MEETBOT_DB: join(dir, 'meetbot.db'), LOG_LEVEL: 'warn', ...env });
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: loaded.config.logLevel, destination });
  const server = await createServer(loaded.config, { ...opts, logger, env });
  const { url } = await server.listen();
  return {
    url,
    server,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
