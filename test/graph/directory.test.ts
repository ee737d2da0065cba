import { strict as assert } from 'node:assert';
import type sinon from 'sinon';
import type { UserRef } from '../../src/types';
import { isBotError } from '../../src/errors';
import { createMemoryDirectoryCache } from '../../adapters/graph';
import { queryFor } from '../../adapters/graph/directory';
import { localBackend, person } from './helpers';

const alice = person('alice');
const bob = person('bob');
const local = (id: string): UserRef => ({ platform: 'local', id });

const batchCalls = (spy: sinon.SinonSpy<Parameters<typeof fetch>, ReturnType<typeof fetch>>): number =>
  spy.getCalls().filter((c) => String(c.args[0]).endsWith('/$batch')).length;

/** A clock the test moves by hand. */
function fakeClock(start = new Date('2030-03-01T00:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

describe('graph directory over the local Graph service', () => {
  it('finds people by Entra id, e-mail, UPN and nickname, and answers null for the unknown', async () => {
    const t = await localBackend();
    try {
      const found = await t.backend.directory.lookup([
        { platform: 'teams', id: '29:abc', aadObjectId: bob.id },
        { platform: 'slack', id: 'U1', email: 'ALICE@contoso.example' },
        { platform: 'slack', id: 'U2', email: 'carol@contoso.example' },
        local('dmitry'),
        local('@bob'),
        local('nobody'),
        { platform: 'slack', id: 'U3', email: 'ghost@contoso.example' },
      ]);
      assert.deepEqual(
        found.map((u) => u?.displayName ?? null),
        ['Bob Smith', 'Alice Johnson', 'Carol Martinez', 'Дмитрий Иванов', 'Bob Smith', null, null],
      );
      assert.equal(found[1]?.id, alice.id);
      assert.equal(found[1]?.userPrincipalName, 'alice@contoso.example');
      assert.equal(batchCalls(t.fetchSpy), 1, 'one batch for seven questions');
    } finally {
      await t.close();
    }
  });

  it('escapes quotes in e-mail filters', () => {
    const q = queryFor({ platform: 'slack', id: 'U1', email: "o'brien@contoso.example" });
    assert.ok(q);
    assert.match(decodeURIComponent(q.url), /mail eq 'o''brien@contoso\.example' or userPrincipalName eq 'o''brien@contoso\.example'/);
  });

  it('asks for 25 people in two batches (Graph allows 20 per batch)', async () => {
    const t = await localBackend();
    try {
      const refs = Array.from({ length: 25 }, (_, i) => local(i % 5 === 0 ? 'alice' : `person-${i}`));
      // alice appears five times but is asked once: 21 distinct questions → 2 batches.
      const found = await t.backend.directory.lookup([...refs, local('bob'), local('carol'), local('dmitry'), local('x1')]);
      assert.equal(found.length, 29);
      assert.equal(found[0]?.id, alice.id);
      assert.equal(found[25]?.id, bob.id);
      assert.equal(batchCalls(t.fetchSpy), 2);
    } finally {
      await t.close();
    }
  });

  it('answers from the cache until the TTL passes, and trusts misses for a shorter time', async () => {
    const clock = fakeClock();
    const t = await localBackend({}, { clock, cache: createMemoryDirectoryCache(), userTtlMs: 60_000, missTtlMs: 10_000 });
    try {
      const refs = [local('alice'), local('nobody')];
      await t.backend.directory.lookup(refs);
      assert.equal(batchCalls(t.fetchSpy), 1);

      clock.advance(5_000);
      assert.deepEqual((await t.backend.directory.lookup(refs)).map((u) => u?.id ?? null), [alice.id, null]);
      assert.equal(batchCalls(t.fetchSpy), 1, 'both answered from the cache');

      clock.advance(6_000);
      await t.backend.directory.lookup(refs);
      assert.equal(batchCalls(t.fetchSpy), 2, 'the miss expired');
      const lastBatch = JSON.parse(String(t.fetchSpy.lastCall.args[1]?.body)) as { requests: unknown[] };
      assert.equal(lastBatch.requests.length, 1, 'only the miss was asked again');

      clock.advance(60_000);
      await t.backend.directory.lookup([local('alice')]);
      assert.equal(batchCalls(t.fetchSpy), 3, 'the hit expired too');
    } finally {
      await t.close();
    }
  });

  it('retries throttled items inside a batch and still finds everyone', async () => {
    const t = await localBackend({ faults: { rate429: 0.4, retryAfterSeconds: 0 }, seed: 7 }, { retry: { maxAttempts: 10 } });
    try {
      const found = await t.backend.directory.lookup(['alice', 'bob', 'carol', 'dmitry'].map(local));
      assert.deepEqual(found.map((u) => u?.mail), ['alice@contoso.example', 'bob@contoso.example', 'carol@contoso.example', 'dmitry@contoso.example']);
    } finally {
      await t.close();
    }
  });

  it('answers graph_busy when the directory stays throttled', async () => {
    const t = await localBackend({ faults: { rate429: 1, retryAfterSeconds: 0 } }, { retry: { maxAttempts: 2 } });
    try {
      await assert.rejects(t.backend.directory.lookup([local('alice')]), (error: unknown) => isBotError(error) && error.code === 'graph_busy');
    } finally {
      await t.close();
    }
  });
});
