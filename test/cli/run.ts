// Runs the `meetbot` command in this process, as the bin does, with its own environment and collected output.
import { main } from '../../adapters/cli';

/** What a run printed and the exit code the process would have. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** `meetbot <argv>` with exactly `env` as its environment and `.env` looked for in `cwd`. */
export async function runCli(argv: readonly string[], env: Record<string, string | undefined>, cwd: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    env: { ...env },
    cwd,
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
  });
  return { code, out, err };
}
