/** `meetbot serve`: not built yet. */
export async function runServe(_args: readonly string[]): Promise<number> {
  process.stderr.write('meetbot serve: not available yet\n');
  return 1;
}
