// A meetbot instance that takes one job and hangs in it, for the crash test to kill with SIGKILL.
// Reads the database from MEETBOT_TEST_DATABASE (a DatabaseConfig as JSON) and MEETBOT_TEST_PG_SCHEMA.
import { openStore } from '../../adapters/store';
import { openQueue } from '../../adapters/jobs';
import type { DatabaseConfig } from '../../adapters/config';

async function main(): Promise<void> {
  const database = JSON.parse(process.env.MEETBOT_TEST_DATABASE ?? '') as DatabaseConfig;
  const pgSchema = process.env.MEETBOT_TEST_PG_SCHEMA;
  const store = await openStore(database, pgSchema ? { pgSchema, poolSize: 2 } : {});
  const queue = openQueue(store, { expireInSeconds: 2, maintenanceIntervalSeconds: 1 });
  await queue.start();
  await queue.work('meetbot-command', { concurrency: 1 }, async (job) => {
    process.stdout.write(`running ${job.id}\n`);
    await new Promise(() => undefined);
  });
  process.stdout.write('ready\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
