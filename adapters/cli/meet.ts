/** `meetbot meet`: not built yet. */
export async function runMeet(_args: readonly string[]): Promise<number> {
  process.stderr.write('meetbot meet: not available yet\n');
  return 1;
}
