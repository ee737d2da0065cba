// What a subcommand reads and writes, passed in: the bin hands it the process's, a test hands it its own.

/** Where a subcommand writes: process.stdout and process.stderr, or anything that collects text. */
export interface TextSink {
  write(text: string): unknown;
}

/** A subcommand's environment and output streams. */
export interface CliIo {
  /** The environment; `meet` adds what `.env` sets to it, as dotenv does to process.env. */
  readonly env: Record<string, string | undefined>;
  /** Where `.env` is looked for. */
  readonly cwd: string;
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Lines to read (`parse --jsonl`); none when absent. */
  readonly stdin?: NodeJS.ReadableStream;
}

/** This process's environment, working directory and streams. */
export function processIo(): CliIo {
  return { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}
