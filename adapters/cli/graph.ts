// `meetbot graph --port N [--host H]`: only the local Graph-compatible service and its join pages, on the store the
// same settings name, for a bot (or a benchmark) that reaches Graph in another process through GRAPH_BASE_URL.
import { startGraphService } from '../server/graph-service';
import { createLogger, secretValues } from '../server/logger';
import { openStore } from '../store';
import { loadCliConfig, type CliIo } from './io';

/** The subcommand's help. */
export const GRAPH_USAGE = `Usage: meetbot graph [--port N] [--host H]

Serves only the local Graph-compatible meeting service (/local/graph/v1.0) and its join pages (/local/meetings),
on the store the settings name (SQLite at MEETBOT_DB by default). Point another meetbot's GRAPH_BASE_URL at the
URL it prints. Port 3979 and host 127.0.0.1 unless given; like the embedded service it answers this machine only,
unless MEETBOT_LOCAL_EXPOSE and MEETBOT_LOCAL_TOKEN say otherwise.
`;

type GraphArgs = { readonly kind: 'run'; readonly port: number; readonly host: string } | { readonly kind: 'help' };

function parseGraphArgs(args: readonly string[]): { ok: true; value: GraphArgs } | { ok: false; error: string } {
  let port = 3979;
  let host = '127.0.0.1';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { ok: true, value: { kind: 'help' } };
    if (arg === '--port') {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < 0 || n > 65_535) return { ok: false, error: '--port takes a port number from 0 to 65535' };
      port = n;
    } else if (arg === '--host') {
      const h = args[++i];
      if (!h) return { ok: false, error: '--host takes a host name or address' };
      host = h;
    } else return { ok: false, error: `unknown argument "${arg ?? ''}"` };
  }
  return { ok: true, value: { kind: 'run', port, host } };
}

/** Resolves on the first SIGTERM or SIGINT. */
function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
}

/** `meetbot graph …`; serves until a signal (or until `until` resolves, for embedders) and returns the exit code. */
export async function runGraph(args: readonly string[], io: CliIo, until: () => Promise<unknown> = firstSignal): Promise<number> {
  const parsed = parseGraphArgs(args);
  if (!parsed.ok) {
    io.stderr.write(`meetbot graph: ${parsed.error}\n\n${GRAPH_USAGE}`);
    return 2;
  }
  if (parsed.value.kind === 'help') {
    io.stdout.write(GRAPH_USAGE);
    return 0;
  }
  const config = loadCliConfig(io);
  if (!config) return 2;
  const logger = createLogger({ level: config.logLevel, secrets: secretValues(config, io.env) });
  let store;
  try {
    store = await openStore(config.database);
  } catch (error) {
    io.stderr.write(`meetbot graph: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const service = await startGraphService({ config, store, logger, port: parsed.value.port, host: parsed.value.host });
    io.stderr.write(`meetbot graph: the local Graph-compatible service is at ${service.graphUrl} (join pages under ${service.origin}/local/meetings/)\n`);
    await until();
    await service.close();
    return 0;
  } catch (error) {
    io.stderr.write(`meetbot graph: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await store.close();
  }
}
