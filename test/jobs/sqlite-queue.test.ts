// The job queue contract on the SQLite queue, one database file per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../adapters/store';
import { openQueue } from '../../adapters/jobs';
import { queueContract } from './contract';

describe('job queue on SQLite', () => {
  let dir: string;
  let n = 0;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-jobs-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  queueContract({
    openStore: () => openStore({ kind: 'sqlite', path: join(dir, `q${n++}.db`) }),
    openQueue: (store, opts) => openQueue(store, { ...opts, pollIntervalMs: 50 }),
    childEnv: (store) => ({ MEETBOT_TEST_DATABASE: JSON.stringify(store.database) }),
  });
});
