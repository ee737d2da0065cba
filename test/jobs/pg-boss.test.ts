// The job queue contract on pg-boss, when DATABASE_URL is set: one PostgreSQL schema per test, dropped after.
import { randomBytes } from 'node:crypto';
import { dropPgSchema, openStore } from '../../adapters/store';
import { openQueue } from '../../adapters/jobs';
import { queueContract } from './contract';

describe('job queue on pg-boss', function () {
  const url = process.env.DATABASE_URL;
  const prefix = `meetbot_jobs_${randomBytes(4).toString('hex')}`;
  const schemas: string[] = [];
  before(function () {
    if (!url) {
      console.log('    pg-boss queue tests skipped: DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test).');
      this.skip();
    }
  });
  after(async () => {
    for (const schema of schemas) if (url) await dropPgSchema(url, schema);
  });

  queueContract({
    openStore: () => {
      const pgSchema = `${prefix}_${schemas.length}`;
      schemas.push(pgSchema);
      return openStore({ kind: 'postgres', url: url ?? '' }, { pgSchema, poolSize: 4 });
    },
    openQueue: (store, opts) => openQueue(store, opts),
    childEnv: (store) => ({ MEETBOT_TEST_DATABASE: JSON.stringify(store.database), MEETBOT_TEST_PG_SCHEMA: store.pgSchema ?? '' }),
  });
});
