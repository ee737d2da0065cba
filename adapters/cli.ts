// The `meetbot` command: dispatches to one module per subcommand.
import { processIo, type CliIo } from './cli/io';

/** A subcommand: takes its arguments and where to read and write, returns the process exit code. */
export type Subcommand = (args: readonly string[], io: CliIo) => Promise<number>;

// Each subcommand's modules load when it runs: `serve` holds neither `meet`'s own local Graph server nor `graph`'s.
/* eslint-disable @typescript-eslint/no-require-imports */
const subcommands: Record<string, () => Subcommand> = {
  parse: () => (require('./cli/parse') as typeof import('./cli/parse')).runParse,
  meet: () => (require('./cli/meet') as typeof import('./cli/meet')).runMeet,
  serve: () => (require('./cli/serve') as typeof import('./cli/serve')).runServe,
  jobs: () => (require('./cli/jobs') as typeof import('./cli/jobs')).runJobs,
  graph: () => (args, io) => (require('./cli/graph') as typeof import('./cli/graph')).runGraph(args, io),
};
/* eslint-enable @typescript-eslint/no-require-imports */

const usage = `Usage: meetbot <command> [options]

Commands:
  serve                       start the server (Teams, Slack, Graph notifications, playground)
  parse [--now ISO] [--tz IANA] [--locale en|ru] [--json] "<text>"
                              show what the bot understands, without side effects
  parse --jsonl < lines       the same for each JSON line {"text","now"?,"tz"?,"locale"?} on stdin, one result a line
  meet [--as USER] [--key KEY] [--json] "<text>"
                              create a meeting and print its join card (the same --key again: the same meeting)
  jobs [--older-than SECONDS] [--limit N] [--json]
                              list stuck and dead jobs of the job queue
  jobs retry <id>             queue a stuck or dead job to run again now
  graph [--port N] [--host H] serve only the local Graph-compatible service and its join pages
`;

/** Runs the command line and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage);
    return name ? 0 : 1;
  }
  const load = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!load) {
    io.stderr.write(`meetbot: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  return load()(rest, io);
}

/** Runs `main` on this process's arguments and sets the exit code. */
export function start(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`meetbot: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) start();
