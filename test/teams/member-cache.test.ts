// The member look-up cache: a channel's people are looked up once a while, not once per mention.
import { strict as assert } from 'node:assert';
import type { TurnContext } from 'botbuilder';
import sinon from 'sinon';
import { cachedMemberLookup } from '../../adapters/teams/member-cache';
import type { MemberInfo } from '../../adapters/teams/members';

const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const CHANNEL = '19:2f6a0c1e9b7d4c85a3e1f0b2d4c6e8a0@thread.tacv2';
const BOB_ID = '29:1Hb8xUqP4nXcP7JGq9y2vYz2V0dQeRtK3mWnLpA6sB5cD4eF3gH2iJ1kL0mN9oP8qR7sT6uV5wX4yZ3aB2cD1eFg';
const BOB: MemberInfo = { id: BOB_ID, name: 'Bob Smith', aadObjectId: 'b2c3d4e5-0002-4b6c-9d7e-8f90a1b2c3d4', email: 'bob@contoso.example' };

const turnIn = (conversationId: string): TurnContext => ({ activity: { serviceUrl: SERVICE_URL, conversation: { id: conversationId } } }) as unknown as TurnContext;

describe('Teams member look-up cache', () => {
  it('answers the same person again in any reply chain of the channel without a call', async () => {
    const inner = sinon.stub().resolves(BOB);
    const lookup = cachedMemberLookup(inner);
    assert.deepEqual(await lookup(turnIn(`${CHANNEL};messageid=1772442000101`), BOB_ID), BOB);
    assert.deepEqual(await lookup(turnIn(`${CHANNEL};messageid=1772442000202`), BOB_ID), BOB);
    assert.equal(inner.callCount, 1);
  });

  it('looks up again in another conversation, and after the time it keeps answers', async () => {
    let now = 1_772_442_000_000;
    const inner = sinon.stub().resolves(BOB);
    const lookup = cachedMemberLookup(inner, { ttlMs: 60_000, now: () => now });
    await lookup(turnIn(CHANNEL), BOB_ID);
    await lookup(turnIn('19:meeting_NjdhZWQ0YjItNGU2Ny00ZjBiLWI5MjEtMzM0ZWI3OWZmZTE5@thread.v2'), BOB_ID);
    assert.equal(inner.callCount, 2, 'another chat has its own members');
    now += 60_001;
    await lookup(turnIn(CHANNEL), BOB_ID);
    assert.equal(inner.callCount, 3);
  });

  it('shares one call between look-ups at once and keeps no failure', async () => {
    const inner = sinon.stub();
    inner.onFirstCall().rejects(Object.assign(new Error('Service Unavailable'), { statusCode: 503 }));
    inner.resolves(BOB);
    const lookup = cachedMemberLookup(inner);
    const both = await Promise.allSettled([lookup(turnIn(CHANNEL), BOB_ID), lookup(turnIn(CHANNEL), BOB_ID)]);
    assert.deepEqual(both.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal(inner.callCount, 1);
    assert.deepEqual(await lookup(turnIn(CHANNEL), BOB_ID), BOB, 'the failure was not kept');
    assert.equal(inner.callCount, 2);
  });
});
