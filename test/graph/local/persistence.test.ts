// Meetings made by the local Graph outlive a restart when it keeps them in the store.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DIRECTORY, startLocalGraphServer } from '../../../adapters/graph/local';
import { openStore } from '../../../adapters/store';
import { call } from './helpers';

const alice = DEFAULT_DIRECTORY[0]!;

describe('local Graph: persistence through the store', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-local-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the same meeting, and createOrGet still answers 200, after a restart on the same SQLite file', async () => {
    const path = join(dir, 'meetbot.db');
    const store1 = await openStore({ kind: 'sqlite', path });
    const s1 = await startLocalGraphServer({ repo: store1.localGraph, publicBaseUrl: 'http://127.0.0.1:3978' });
    const created = await call(s1.url, 'POST', `/users/${alice.id}/onlineMeetings/createOrGet`, { externalId: 'keep-me', subject: 'Durable' });
    assert.equal(created.status, 201);
    await s1.close();
    await store1.close();

    const store2 = await openStore({ kind: 'sqlite', path });
    const s2 = await startLocalGraphServer({ repo: store2.localGraph, publicBaseUrl: 'http://127.0.0.1:3978' });
    try {
      const got = await call(s2.url, 'GET', `/users/${alice.id}/onlineMeetings/${encodeURIComponent(String(created.body.id))}`);
      assert.equal(got.status, 200);
      const strip = (b: Record<string, unknown>) => ({ ...b, '@odata.context': null });
      assert.deepEqual(strip(got.body), strip(created.body));
      const again = await call(s2.url, 'POST', `/users/${alice.id}/onlineMeetings/createOrGet`, { externalId: 'keep-me' });
      assert.equal(again.status, 200);
      assert.equal(again.body.id, created.body.id);
    } finally {
      await s2.close();
      await store2.close();
    }
  });
});
