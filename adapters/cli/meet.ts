// `meetbot meet`: creates a meeting from a command, as a chat user would, and prints the join card.
import { randomUUID } from 'node:crypto';
import { createBot } from '../../src/bot-api';
import type { Logger } from '../../src/bot-api';
import { toLocale } from '../../src/bot-api';
import type { Reply, UserRef } from '../../src/types';
import { botConfigOf, ConfigError, type Config } from '../config';
import { createGraphBackend } from '../graph';
import { DEFAULT_DIRECTORY, directoryFromSetting, startLocalGraphServer, type LocalUser } from '../graph/local';
import { openStore, type Store } from '../store';
import { loadCliConfig, type CliIo, type TextSink } from './io';
import { MEET_USAGE, parseMeetArgs, type MeetArgs } from './meet-args';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Errors to stderr as one line each (every level with LOG_LEVEL=debug); the card owns stdout. */
function stderrLogger(level: string, stderr: TextSink): Logger {
  const quiet = level !== 'debug';
  const line = (kind: string) => (obj: object, msg?: string) => stderr.write(`meetbot ${kind}: ${msg ?? ''} ${JSON.stringify(obj, (_k, v: unknown) => (v instanceof Error ? v.message : v))}\n`);
  return { debug: quiet ? () => undefined : line('debug'), info: quiet ? () => undefined : line('info'), warn: quiet ? () => undefined : line('warn'), error: line('error') };
}

/** The chat user `--as` names: an e-mail, an Entra object id, or a local name (`alice`, `@alice`). */
function invokerFor(as: string, person: LocalUser | undefined): UserRef {
  const base = { platform: 'local' as const, ...(person ? { displayName: person.displayName } : {}) };
  if (GUID.test(as)) return { ...base, id: as, aadObjectId: as };
  if (as.includes('@') && !as.startsWith('@')) return { ...base, id: as, email: as };
  return { ...base, id: as.replace(/^@/, '') };
}

function printReply(reply: Reply, json: boolean, io: CliIo): boolean {
  if (reply.kind === 'error') {
    io.stderr.write(`${reply.text}\n`);
    return false;
  }
  if (reply.kind === 'text') io.stdout.write(json ? `${JSON.stringify({ text: reply.text })}\n` : `${reply.text}\n`);
  else io.stdout.write(json ? `${JSON.stringify(reply.card, null, 2)}\n` : `${reply.card.fallbackText}\n`);
  return true;
}

/** Runs one command through the bot against the configured (or embedded local) meeting service. */
/**
 * Where join links point: MEETBOT_PUBLIC_URL, else the PORT and HOST this run was given, else where `meetbot serve` last
 * served the join pages on this database (it may run on another PORT than this shell knows), else the defaults.
 */
async function joinOrigin(config: Config, env: CliIo['env'], store: Store): Promise<string> {
  if (config.publicUrl) return config.publicUrl;
  const own = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  if (env.PORT !== undefined || env.HOST !== undefined) return own;
  return (await store.localOrigin.read().catch(() => undefined)) ?? own;
}

async function meet(config: Config, args: MeetArgs, io: CliIo): Promise<number> {
  const logger = stderrLogger(config.logLevel, io.stderr);
  const { directoryPath, faults } = config.local;
  const directory = config.graph.kind === 'local' ? (directoryPath ? directoryFromSetting(directoryPath) : DEFAULT_DIRECTORY) : [];
  const as = args.as ?? directory[0]?.mailNickname;
  if (!as) {
    io.stderr.write('meetbot meet: --as is required with a configured Microsoft Graph (an e-mail or Entra object id)\n');
    return 2;
  }
  const key = as.replace(/^@/, '').toLowerCase();
  const person = directory.find((p) => [p.mailNickname, p.mail, p.userPrincipalName, p.id].some((v) => v.toLowerCase() === key));
  const store = await openStore(config.database);
  const closers: Array<() => Promise<void>> = [() => store.close()];
  try {
    let graphConfig = config.graph;
    if (graphConfig.kind === 'local') {
      // The embedded service, over real HTTP on a loopback port, on the same database so meetings persist.
      // Join links point where `meetbot serve` shows the join pages, not at this short-lived port.
      const publicBaseUrl = await joinOrigin(config, io.env, store);
      // The directory is loaded already; passing it instead of the environment keeps the file from being read twice.
      const local = await startLocalGraphServer({ repo: store.localGraph, directory, logger, publicBaseUrl, ...(faults !== undefined ? { faults } : {}) });
      closers.unshift(() => local.close());
      graphConfig = { kind: 'remote', baseUrl: local.url, auth: { kind: 'none' } };
    }
    const graph = createGraphBackend({ config: graphConfig, cache: store, logger });
    // Each run is a deliberate request, never a platform's retry, so it is not held against deliveries seen before;
    // the same --key still finds the same meeting, through Graph's externalId.
    const runStore = new Proxy(store, {
      get: (target, name, receiver) => (name === 'markEventSeen' ? async () => true : Reflect.get(target, name, receiver)),
    });
    const bot = createBot({
      meetings: graph.meetings,
      directory: graph.directory,
      store: runStore,
      messenger: { update: async () => undefined },
      clock: { now: () => new Date() },
      logger,
      config: botConfigOf(config),
    });
    // MEETBOT_TIME_ZONE is the default for people whose zone is unknown, as in the server and the playground.
    const timeZone = person?.timeZone || config.defaultTimeZone;
    const locale = person?.preferredLanguage ? toLocale(person.preferredLanguage) : undefined;
    let ok = true;
    await bot.handleInvocation(
      {
        text: args.text,
        mentions: [],
        invoker: invokerFor(as, person),
        conversation: { platform: 'local', id: 'cli' },
        receivedAt: new Date(),
        idempotencyKey: args.key ?? randomUUID(),
        trigger: 'command',
        timeZone,
        ...(locale ? { locale } : {}),
      },
      {
        send: async (reply) => {
          ok = printReply(reply, args.json, io) && ok;
          return undefined;
        },
      },
    );
    return ok ? 0 : 1;
  } finally {
    for (const close of closers) await close().catch(() => undefined);
  }
}

/** `meetbot meet [--as USER] [--key KEY] [--json] "<text>"`; returns the exit code. */
export async function runMeet(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseMeetArgs(args);
  if (parsed.ok === 'help') {
    io.stdout.write(MEET_USAGE);
    return 0;
  }
  if (!parsed.ok) {
    io.stderr.write(`meetbot meet: ${parsed.error}\n\n${MEET_USAGE}`);
    return 2;
  }
  const config = loadCliConfig(io);
  if (!config) return 2;
  try {
    return await meet(config, parsed.value, io);
  } catch (error) {
    io.stderr.write(`meetbot meet: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof ConfigError ? 2 : 1;
  }
}
