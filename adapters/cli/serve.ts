// `meetbot serve` (= `npm start`): load .env, validate the configuration, start the server, stop cleanly on a signal.
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig } from '../config';
import { createServer, type MeetbotServer } from '../server';
import { banner } from '../server/banner';

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'EADDRINUSE') return `the port is already in use (${text}). Stop the other process or set PORT to another port.`;
  if (code === 'EACCES') return `not allowed to listen there (${text}). Use a PORT above 1023 or another HOST.`;
  return text;
}

/** Waits for SIGTERM or SIGINT, then closes the server; a second signal exits at once. Resolves with the exit code. */
function untilSignal(server: MeetbotServer): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        process.stderr.write(`meetbot: ${signal} again, exiting without waiting\n`);
        process.exit(1);
      }
      stopping = true;
      process.stderr.write(`meetbot: ${signal} received, finishing work in flight…\n`);
      server.close().then(
        () => resolve(0),
        (error: unknown) => {
          process.stderr.write(`meetbot: error while stopping: ${message(error)}\n`);
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/** Runs the server until a signal; returns the exit code (2 for configuration problems). */
export async function runServe(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('Usage: meetbot serve\n\nStarts the server. Settings come from the environment and .env (see .env.example).\n');
    return 0;
  }
  loadDotenv({ quiet: true });
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`meetbot: cannot start, the configuration has ${loaded.errors.length === 1 ? 'a problem' : 'problems'}:\n`);
    for (const line of loaded.errors) process.stderr.write(`  - ${line}\n`);
    process.stderr.write('See .env.example for every setting.\n');
    return 2;
  }
  let server: MeetbotServer;
  try {
    server = await createServer(loaded.config);
  } catch (error) {
    const text = message(error);
    process.stderr.write(`meetbot: cannot start: ${text}\n`);
    return error instanceof ConfigError ? 2 : 1;
  }
  let url: string;
  try {
    ({ url } = await server.listen());
  } catch (error) {
    process.stderr.write(`meetbot: cannot start: ${message(error)}\n`);
    await server.close().catch(() => undefined);
    return 1;
  }
  process.stderr.write(`${banner(loaded.config, url, server.issueLoginPath())}\n`);
  const code = await untilSignal(server);
  // Everything was closed; a forgotten handle must not keep the process alive (the timer itself does not).
  setTimeout(() => process.exit(code), 2000).unref();
  return code;
}
