// The store's behaviour, run once per database (SQLite and PostgreSQL) by the test files beside it.
import { strict as assert } from 'node:assert';
import type { MeetingRecord, PostedCard } from '../../src/meetings/ports';
import type { Store } from '../../adapters/store';
import type { LocalMeeting } from '../../adapters/graph/local';
import { subscriptionContract } from '../graph/local/repo-contract';

/** A MeetingRecord with every Date field set, overridable per test. */
export function record(id: string, opts: { organizer?: string; start?: string; end?: string; status?: 'active' | 'cancelled'; joinUrl?: string } = {}): MeetingRecord {
  const start = new Date(opts.start ?? '2030-05-01T10:00:00Z');
  const end = new Date(opts.end ?? '2030-05-01T10:30:00Z');
  const organizer = { id: opts.organizer ?? 'org-1', displayName: 'Alice', mail: 'alice@contoso.example' };
  return {
    meeting: {
      id,
      externalId: `ext-${id}`,
      subject: 'Planning',
      start,
      end,
      joinUrl: opts.joinUrl ?? `https://teams.example/join/${id}`,
      meetingCode: '123456789012',
      passcode: 'abc123',
      dialIn: { conferenceId: '111', tollNumbers: ['+1 425-555-0123'], tollFreeNumbers: [] },
      organizer,
      attendees: [{ id: 'bob-1', displayName: 'Bob' }],
      createdAt: new Date('2030-04-30T09:00:00Z'),
    },
    people: { 'org-1': [{ platform: 'slack', id: 'U1', displayName: 'alice' }] },
    instant: false,
    status: opts.status ?? 'active',
    call: { state: 'live', callId: 'call-1', since: new Date('2030-05-01T10:01:00Z'), participants: [organizer] },
    createdBy: { platform: 'slack', id: 'U1' },
    conversation: { platform: 'slack', id: 'C1', data: { responseUrl: 'https://hooks.example/x' } },
    updatedAt: new Date('2030-04-30T09:00:00Z'),
  };
}

function localMeeting(id: string, organizerId: string, externalId: string | null): LocalMeeting {
  return {
    id, organizerId, externalId, subject: 's', start: new Date('2030-01-01T00:00:00Z'), end: new Date('2030-01-01T01:00:00Z'),
    createdAt: new Date('2029-12-31T00:00:00Z'), joinToken: `tok-${id}`, joinWebUrl: `http://x/local/meetings/tok-${id}`, threadId: 't',
    joinMeetingId: '123456789012', passcode: 'p', conferenceId: '1', attendees: [{ userId: 'u2', role: 'attendee' }], settings: { allowMeetingChat: 'enabled' },
  };
}

/** Registers the store suite against whatever `open` returns. */
export function storeSuite(open: () => Promise<Store>): void {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
  });

  it('saves a meeting record and reads it back with its dates as Dates', async () => {
    const r = record('m1');
    await store.saveMeeting(r);
    const back = await store.getMeeting('m1');
    assert.deepEqual(back, { ...r, version: 0 });
    assert.ok(back?.meeting.start instanceof Date);
    assert.equal(await store.getMeeting('nope'), undefined);
  });

  it('replaces a meeting when it is saved again', async () => {
    await store.saveMeeting(record('m1'));
    await store.saveMeeting({ ...record('m1'), status: 'cancelled' });
    assert.equal((await store.getMeeting('m1'))?.status, 'cancelled');
  });

  it('writes a changed meeting only at the version it was read at, and moves the version on', async () => {
    await store.saveMeeting(record('m1'));
    const read = await store.getMeeting('m1');
    assert.equal(read?.version, 0);
    const moved = { ...record('m1', { start: '2030-05-02T10:00:00Z', end: '2030-05-02T11:00:00Z' }), version: 99 };
    assert.equal(await store.updateMeeting(moved, 0), true);
    const after = await store.getMeeting('m1');
    assert.deepEqual(after, { ...moved, version: 1 });
    assert.equal(await store.updateMeeting({ ...moved, status: 'cancelled' }, 0), false, 'a stale version loses');
    assert.equal((await store.getMeeting('m1'))?.status, 'active');
    assert.equal(await store.updateMeeting(record('never-saved'), 0), false, 'nothing to compare with');
    assert.equal(await store.getMeeting('never-saved'), undefined);
    // What the columns say follows the compare-and-set: the moved meeting lists by its new time.
    assert.deepEqual((await store.listUpcoming('org-1', new Date('2030-05-01T12:00:00Z'), 5)).map((x) => x.version), [1]);
  });

  it('lets exactly one of two concurrent compare-and-sets on the same version win, and keeps the winner whole', async () => {
    await store.saveMeeting(record('m1'));
    const a = { ...record('m1'), people: { 'org-1': [{ platform: 'slack', id: 'UA' }] } } as const;
    const b = { ...record('m1'), people: { 'org-1': [{ platform: 'teams', id: 'TB' }] } } as const;
    const [wonA, wonB] = await Promise.all([store.updateMeeting(a, 0), store.updateMeeting(b, 0)]);
    assert.equal(Number(wonA) + Number(wonB), 1);
    assert.deepEqual(await store.getMeeting('m1'), { ...(wonA ? a : b), version: 1 });
  });

  it('lets one of many concurrent compare-and-sets win per version', async () => {
    await store.saveMeeting(record('m1'));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.updateMeeting({ ...record('m1'), updatedAt: new Date(Date.UTC(2030, 0, 1, i)) }, 0)));
    assert.equal(results.filter(Boolean).length, 1);
    assert.equal((await store.getMeeting('m1'))?.version, 1);
  });

  it('moves the version on when a meeting is saved over, so a compare-and-set that read before loses', async () => {
    await store.saveMeeting(record('m1'));
    await store.saveMeeting({ ...record('m1'), status: 'cancelled', version: 0 });
    assert.equal((await store.getMeeting('m1'))?.version, 1);
    assert.equal(await store.updateMeeting(record('m1'), 0), false);
    assert.equal(await store.updateMeeting(record('m1'), 1), true);
  });

  it('finds a meeting by its join URL', async () => {
    await store.saveMeeting(record('m1', { joinUrl: 'https://teams.example/l/meetup-join/19%3ameeting_x%40thread.v2/0?context=%7b%7d' }));
    const found = await store.findMeetingByJoinUrl('https://teams.example/l/meetup-join/19%3ameeting_x%40thread.v2/0?context=%7b%7d');
    assert.equal(found?.meeting.id, 'm1');
    assert.equal(await store.findMeetingByJoinUrl('https://teams.example/other'), undefined);
  });

  it('lists an organizer\'s active upcoming meetings soonest first, up to the limit', async () => {
    await store.saveMeeting(record('later', { start: '2030-05-03T10:00:00Z', end: '2030-05-03T11:00:00Z' }));
    await store.saveMeeting(record('soon', { start: '2030-05-02T10:00:00Z', end: '2030-05-02T11:00:00Z' }));
    await store.saveMeeting(record('past', { start: '2030-04-01T10:00:00Z', end: '2030-04-01T11:00:00Z' }));
    await store.saveMeeting(record('cancelled', { start: '2030-05-02T12:00:00Z', end: '2030-05-02T13:00:00Z', status: 'cancelled' }));
    await store.saveMeeting(record('other', { organizer: 'org-2', start: '2030-05-02T10:00:00Z', end: '2030-05-02T11:00:00Z' }));
    await store.saveMeeting(record('third', { start: '2030-05-04T10:00:00Z', end: '2030-05-04T11:00:00Z' }));
    const now = new Date('2030-05-01T00:00:00Z');
    assert.deepEqual((await store.listUpcoming('org-1', now, 10)).map((r) => r.meeting.id), ['soon', 'later', 'third']);
    assert.deepEqual((await store.listUpcoming('org-1', now, 2)).map((r) => r.meeting.id), ['soon', 'later']);
  });

  it('keeps a meeting that is still running in the upcoming list', async () => {
    await store.saveMeeting(record('running', { start: '2030-05-01T10:00:00Z', end: '2030-05-01T11:00:00Z' }));
    assert.equal((await store.listUpcoming('org-1', new Date('2030-05-01T10:30:00Z'), 5)).length, 1);
    assert.equal((await store.listUpcoming('org-1', new Date('2030-05-01T11:00:00Z'), 5)).length, 0);
  });

  it('keeps posted cards per meeting, once per message', async () => {
    const card = (messageId: string): PostedCard => ({
      meetingId: 'm1', ref: { conversation: { platform: 'teams', id: '19:abc', data: { serviceUrl: 'https://smba.example/' } }, messageId }, locale: 'ru', timeZone: 'Europe/Moscow',
    });
    await store.addPostedCard(card('a'));
    await store.addPostedCard(card('b'));
    await store.addPostedCard(card('a'));
    const cards = await store.postedCards('m1');
    assert.deepEqual(cards.map((c) => c.ref.messageId).sort(), ['a', 'b']);
    assert.deepEqual(cards.find((c) => c.ref.messageId === 'a'), card('a'));
    assert.deepEqual(await store.postedCards('m2'), []);
  });

  it('says an event is new the first time and a repeat after that', async () => {
    const at = new Date('2030-01-01T00:00:00Z');
    assert.equal(await store.markEventSeen('slack:Ev1', at), true);
    assert.equal(await store.markEventSeen('slack:Ev1', at), false);
    assert.equal(await store.markEventSeen('slack:Ev2', at), true);
  });

  it('lets exactly one of many concurrent retries win', async () => {
    const at = new Date('2030-01-01T00:00:00Z');
    const results = await Promise.all(Array.from({ length: 12 }, () => store.markEventSeen('teams:act-42', at)));
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('forgets events older than a week when it prunes', async () => {
    assert.equal(await store.markEventSeen('old', new Date('2030-01-01T00:00:00Z')), true);
    // Far enough later that pruning runs and 'old' is past the window.
    assert.equal(await store.markEventSeen('new', new Date('2030-02-01T00:00:00Z')), true);
    assert.equal(await store.markEventSeen('old', new Date('2030-02-01T00:00:01Z')), true);
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

  it('answers ping when usable', async () => {
    await store.ping();
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

  describe('local subscriptions by meeting', () => {
    subscriptionContract(() => store.localGraph);
  });
}
