// What a subcommand reads and writes, passed in: the bin hands it the process's, a test hands it its own.
import { join } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { loadConfig, type Config } from '../config';

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

/**
 * The settings a subcommand runs with: `.env` (in `io.cwd`) added to `io.env`, then checked. Undefined when a setting
 * is wrong; each problem is already written to stderr, and the subcommand exits 2.
 */
export function loadCliConfig(io: CliIo): Config | undefined {
  loadDotenv({ quiet: true, path: join(io.cwd, '.env'), processEnv: io.env });
  const loaded = loadConfig(io.env);
  if (loaded.ok) return loaded.config;
  for (const error of loaded.errors) io.stderr.write(`meetbot: ${error}\n`);
  return undefined;
}
