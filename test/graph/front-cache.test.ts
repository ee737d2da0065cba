// The directory cache's copy in memory: repeated look-ups within a short while read no store, and nothing outlives
// the store's own expiry when written through it.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { withMemoryFront } from '../../adapters/graph/front-cache';
import { createMemoryDirectoryCache } from '../../adapters/graph/memory-cache';

const ALICE = JSON.stringify({ id: 'a1b2c3d4-0001-4a5b-8c6d-7e8f90a1b2c3', displayName: 'Alice Johnson', mail: 'alice@contoso.example' });
const KEY = 'mail:alice@contoso.example';

describe('directory cache, memory in front of the store', () => {
  it('answers a repeated look-up from memory until its copy ages out', async () => {
    const store = createMemoryDirectoryCache();
    const get = sinon.spy(store, 'get');
    const cache = withMemoryFront(store, 30_000);
    const t0 = new Date('2026-12-01T12:00:00Z');
    await store.set(KEY, ALICE, new Date('2026-12-01T18:00:00Z'));
    assert.equal(await cache.get(KEY, t0), ALICE);
    assert.equal(await cache.get(KEY, new Date(t0.getTime() + 29_000)), ALICE);
    assert.equal(get.callCount, 1);
    assert.equal(await cache.get(KEY, new Date(t0.getTime() + 31_000)), ALICE);
    assert.equal(get.callCount, 2, 'an aged copy is read from the store again');
  });

  it('writes through to the store, keeps a miss too, and keeps nothing past its expiry', async () => {
    const store = createMemoryDirectoryCache();
    const cache = withMemoryFront(store, 30_000);
    const now = new Date();
    await cache.set(KEY, null, new Date(now.getTime() + 5_000));
    assert.equal(await store.get(KEY, now), null, 'the store has it');
    assert.equal(await cache.get(KEY, now), null);
    assert.equal(await cache.get(KEY, new Date(now.getTime() + 6_000)), undefined, 'expired with the store entry');
  });

  it('does not remember what the store does not have', async () => {
    const store = createMemoryDirectoryCache();
    const get = sinon.spy(store, 'get');
    const cache = withMemoryFront(store);
    const now = new Date();
    assert.equal(await cache.get(KEY, now), undefined);
    await store.set(KEY, ALICE, new Date(now.getTime() + 60_000));
    assert.equal(await cache.get(KEY, now), ALICE);
    assert.equal(get.callCount, 2);
  });
});
