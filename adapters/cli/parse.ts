/** `meetbot parse`: not built yet. */
export async function runParse(_args: readonly string[]): Promise<number> {
  process.stderr.write('meetbot parse: not available yet\n');
  return 1;
}
