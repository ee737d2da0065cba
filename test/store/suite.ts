// The SQL store's behaviour, run once per database (SQLite and PostgreSQL) by the test files beside it:
// the MeetingStore contract, then what only the SQL store keeps (directory cache, the local graph's repo).
import { strict as assert } from 'node:assert';
import type { Store } from '../../adapters/store';
import type { LocalMeeting } from '../../adapters/graph/local';
import { subscriptionContract } from '../graph/local/repo-contract';
import { meetingStoreContract } from './contract';
import { sampleRecord } from '../fakes/records';
import { insertSeen } from '../../adapters/store/statements';

function localMeeting(id: string, organizerId: string, externalId: string | null): LocalMeeting {
  return {
    id, organizerId, externalId, subject: 's', start: new Date('2030-01-01T00:00:00Z'), end: new Date('2030-01-01T01:00:00Z'),
    createdAt: new Date('2029-12-31T00:00:00Z'), joinToken: `tok-${id}`, joinWebUrl: `http://x/local/meetings/tok-${id}`, threadId: 't',
    joinMeetingId: '123456789012', passcode: 'p', conferenceId: '1', attendees: [{ userId: 'u2', role: 'attendee' }], settings: { allowMeetingChat: 'enabled' },
  };
}

/** Registers the store suite against whatever `open` returns. */
export function storeSuite(open: () => Promise<Store>): void {
  describe('as a MeetingStore', () => {
    meetingStoreContract(open);
  });

  describe('as the directory cache and the local graph\'s repo', () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store?.close();
    });

    it('saves a new meeting with what is written beside it in one transaction, or neither', async () => {
      const kept = sampleRecord({ meeting: { id: 'MSo1N2Y5ZGFjYy03MWJmLTQ3NDMtYjQxMy01M2EdFGkAAA==' } });
      const answer = await store.saveMeetingWith(kept, (tx) => insertSeen(tx, 'subscribe:kept', '2026-12-01T15:00:00.000Z'));
      assert.equal(answer, true);
      assert.equal((await store.getMeeting(kept.meeting.id))?.meeting.joinUrl, kept.meeting.joinUrl);
      assert.equal(await store.hasSeenEvent('subscribe:kept'), true);
      const lost = sampleRecord({ meeting: { id: 'MSo2ZmE4ZTBiZC0yNDQzLTQ4MzYtYTg0Ni0zNmEdFGkAAA==' } });
      await assert.rejects(store.saveMeetingWith(lost, async (tx) => {
        await insertSeen(tx, 'subscribe:lost', '2026-12-01T15:00:00.000Z');
        throw new Error('the job could not be queued');
      }), /could not be queued/);
      assert.equal(await store.getMeeting(lost.meeting.id), undefined);
      assert.equal(await store.hasSeenEvent('subscribe:lost'), false);
    });

    it('caches directory answers, misses included, until they expire', async () => {
      const now = new Date('2030-01-01T00:00:00Z');
      await store.set('mail:alice@contoso.example', '{"id":"a"}', new Date('2030-01-01T01:00:00Z'));
      await store.set('mail:ghost@contoso.example', null, new Date('2030-01-01T01:00:00Z'));
      assert.equal(await store.get('mail:alice@contoso.example', now), '{"id":"a"}');
      assert.equal(await store.get('mail:ghost@contoso.example', now), null);
      assert.equal(await store.get('mail:unknown@contoso.example', now), undefined);
      assert.equal(await store.get('mail:alice@contoso.example', new Date('2030-01-01T01:00:00Z')), undefined);
      await store.set('mail:alice@contoso.example', '{"id":"b"}', new Date('2030-01-02T00:00:00Z'));
      assert.equal(await store.get('mail:alice@contoso.example', new Date('2030-01-01T02:00:00Z')), '{"id":"b"}');
    });

    it('keeps local meetings: one per organizer and externalId, found by id and join token', async () => {
      const repo = store.localGraph;
      const a = await repo.createOrGet(localMeeting('L1', 'u1', 'ext'));
      const again = await repo.createOrGet(localMeeting('L2', 'u1', 'ext'));
      const otherOrganizer = await repo.createOrGet(localMeeting('L3', 'u9', 'ext'));
      const noExternal1 = await repo.createOrGet(localMeeting('L4', 'u1', null));
      const noExternal2 = await repo.createOrGet(localMeeting('L5', 'u1', null));
      assert.deepEqual([a.created, again.created, otherOrganizer.created, noExternal1.created, noExternal2.created], [true, false, true, true, true]);
      assert.equal(again.meeting.id, 'L1');
      assert.deepEqual(await repo.get('L1'), localMeeting('L1', 'u1', 'ext'));
      assert.equal((await repo.findByJoinToken('tok-L3'))?.id, 'L3');
      await repo.update({ ...localMeeting('L1', 'u1', 'ext'), subject: 'changed' });
      assert.equal((await repo.get('L1'))?.subject, 'changed');
      assert.equal(await repo.delete('L1'), true);
      assert.equal(await repo.delete('L1'), false);
      assert.equal(await repo.get('L1'), undefined);
    });

    it('makes one local meeting when the same externalId is created concurrently', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.localGraph.createOrGet(localMeeting(`C${i}`, 'u1', 'same'))));
      assert.equal(results.filter((r) => r.created).length, 1);
      assert.equal(new Set(results.map((r) => r.meeting.id)).size, 1);
    });

    it('keeps local subscriptions', async () => {
      const sub = { id: 's1', resource: 'r', changeType: 'updated', notificationUrl: 'http://127.0.0.1/n', clientState: 'x', expirationDateTime: new Date('2030-01-01T00:00:00Z'), createdAt: new Date('2029-12-31T00:00:00Z'), joinToken: 'tok' };
      await store.localGraph.saveSubscription(sub);
      assert.deepEqual(await store.localGraph.listSubscriptions(), [sub]);
      assert.deepEqual(await store.localGraph.getSubscription('s1'), sub);
      assert.equal(await store.localGraph.getSubscription('s2'), undefined);
      assert.equal(await store.localGraph.deleteSubscription('s1'), true);
      assert.deepEqual(await store.localGraph.listSubscriptions(), []);
    });

    it('keeps playground messages in posting order, replaces an updated one, forgets dropped ones', async () => {
      const message = (id: string, conversation: string, version = 1) => ({
        id, conversation, at: '2026-12-01T09:00:00.000Z', author: { kind: 'bot' as const }, text: `said ${id}`, rendered: { teams: `said ${id}`, slack: `said ${id}` }, version,
      });
      await store.playground.save(2, message('b', 'general'));
      await store.playground.save(1, message('a', 'general'));
      await store.playground.save(3, message('c', 'dm-alice'));
      await store.playground.save(2, message('b', 'general', 2));
      assert.deepEqual((await store.playground.load()).map((r) => [r.seq, r.message.id, r.message.version]), [[1, 'a', 1], [2, 'b', 2], [3, 'c', 1]]);
      await store.playground.forget(['a', 'c']);
      assert.deepEqual((await store.playground.load()).map((r) => r.message), [message('b', 'general', 2)]);
    });

    describe('local subscriptions by meeting', () => {
      subscriptionContract(() => store.localGraph);
    });
  });
}
