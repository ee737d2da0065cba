// What the MeetingStore port promises, run against every implementation: SQLite, PostgreSQL and the core tests' fake.
import { strict as assert } from 'node:assert';
import type { MeetingRecord, MeetingStore, PostedCard } from '../../src/meetings/ports';

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

/** Registers the MeetingStore contract against whatever `open` returns (a fresh, empty store per test). */
export function meetingStoreContract(open: () => Promise<MeetingStore>): void {
  let store: MeetingStore;
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

  it('finds the most recently updated meeting when two share a join URL', async () => {
    const url = 'https://teams.example/join/shared';
    await store.saveMeeting({ ...record('first', { joinUrl: url }), updatedAt: new Date('2030-04-30T09:00:00Z') });
    await store.saveMeeting({ ...record('second', { joinUrl: url }), updatedAt: new Date('2030-04-30T10:00:00Z') });
    assert.equal((await store.findMeetingByJoinUrl(url))?.meeting.id, 'second');
    assert.equal(await store.updateMeeting({ ...record('first', { joinUrl: url }), updatedAt: new Date('2030-04-30T11:00:00Z') }, 0), true);
    const found = await store.findMeetingByJoinUrl(url);
    assert.equal(found?.meeting.id, 'first');
    assert.equal(found?.version, 1);
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

  it('lists active meetings whose end fell in a window, earliest end first, for the summary sweep', async () => {
    await store.saveMeeting(record('ended-late', { start: '2030-05-01T10:00:00Z', end: '2030-05-01T11:30:00Z' }));
    await store.saveMeeting(record('ended-early', { organizer: 'org-2', start: '2030-05-01T10:00:00Z', end: '2030-05-01T10:30:00Z' }));
    await store.saveMeeting(record('too-old', { start: '2030-05-01T07:00:00Z', end: '2030-05-01T08:00:00Z' }));
    await store.saveMeeting(record('not-yet', { start: '2030-05-01T12:00:00Z', end: '2030-05-01T13:00:00Z' }));
    await store.saveMeeting(record('cancelled', { start: '2030-05-01T10:00:00Z', end: '2030-05-01T11:00:00Z', status: 'cancelled' }));
    const [from, to] = [new Date('2030-05-01T09:00:00Z'), new Date('2030-05-01T12:00:00Z')];
    assert.deepEqual((await store.listEndedBetween(from, to, 10)).map((r) => r.meeting.id), ['ended-early', 'ended-late']);
    assert.deepEqual((await store.listEndedBetween(from, to, 1)).map((r) => r.meeting.id), ['ended-early']);
  });

  it('lists meetings that start at the same time in the order of their ids', async () => {
    await store.saveMeeting(record('b'));
    await store.saveMeeting(record('c'));
    await store.saveMeeting(record('a'));
    assert.deepEqual((await store.listUpcoming('org-1', new Date('2030-05-01T00:00:00Z'), 10)).map((r) => r.meeting.id), ['a', 'b', 'c']);
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

  it('keeps the latest posting of a card, and tells cards apart by platform, conversation and message', async () => {
    const card = (opts: { platform?: 'teams' | 'slack'; conversation?: string; messageId?: string; locale?: 'en' | 'ru'; timeZone?: string; meetingId?: string } = {}): PostedCard => ({
      meetingId: opts.meetingId ?? 'm1',
      ref: { conversation: { platform: opts.platform ?? 'teams', id: opts.conversation ?? '19:abc' }, messageId: opts.messageId ?? 'a' },
      locale: opts.locale ?? 'ru',
      timeZone: opts.timeZone ?? 'Europe/Moscow',
    });
    await store.addPostedCard(card());
    await store.addPostedCard(card({ locale: 'en', timeZone: 'UTC' }));
    assert.deepEqual(await store.postedCards('m1'), [card({ locale: 'en', timeZone: 'UTC' })], 'the same message posted again is one card, as last posted');
    await store.addPostedCard(card({ platform: 'slack' }));
    await store.addPostedCard(card({ conversation: '19:other' }));
    await store.addPostedCard(card({ meetingId: 'm2' }));
    const kept = (await store.postedCards('m1')).map((c) => `${c.ref.conversation.platform}:${c.ref.conversation.id}:${c.ref.messageId}:${c.locale}`);
    assert.deepEqual(kept.sort(), ['slack:19:abc:a:ru', 'teams:19:abc:a:en', 'teams:19:other:a:ru']);
    assert.deepEqual(await store.postedCards('m2'), [card({ meetingId: 'm2' })]);
  });

  it('says an event is new the first time and a repeat after that', async () => {
    const at = new Date('2030-01-01T00:00:00Z');
    assert.equal(await store.markEventSeen('slack:Ev1', at), true);
    assert.equal(await store.markEventSeen('slack:Ev1', at), false);
    assert.equal(await store.markEventSeen('slack:Ev2', at), true);
  });

  it('tells whether an event was recorded without recording it', async () => {
    const at = new Date('2030-01-01T00:00:00Z');
    assert.equal(await store.hasSeenEvent('slack:Ev9#answered'), false);
    assert.equal(await store.hasSeenEvent('slack:Ev9#answered'), false);
    assert.equal(await store.markEventSeen('slack:Ev9#answered', at), true);
    assert.equal(await store.hasSeenEvent('slack:Ev9#answered'), true);
  });

  it('records an answer and its posted card together', async () => {
    const at = new Date('2030-01-01T00:00:00Z');
    const card = (opts: { meetingId: string }): PostedCard => ({
      meetingId: opts.meetingId,
      ref: { conversation: { platform: 'slack', id: 'C024BE91L', tenantId: 'T024BE7LD' }, messageId: '1700000001.000100' },
      locale: 'en',
      timeZone: 'America/New_York',
    });
    await store.recordAnswer('slack:T1:trig-1#answered', at, card({ meetingId: 'm9' }));
    await store.recordAnswer('slack:T1:trig-2#answered', at);
    assert.equal(await store.hasSeenEvent('slack:T1:trig-1#answered'), true);
    assert.equal(await store.hasSeenEvent('slack:T1:trig-2#answered'), true);
    assert.deepEqual(await store.postedCards('m9'), [card({ meetingId: 'm9' })]);
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

  it('answers ping when usable', async () => {
    await store.ping();
  });
}
