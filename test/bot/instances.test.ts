import { strict as assert } from 'node:assert';
import type { CallEvent } from '../../src/lifecycle/types';
import type { Reply } from '../../src/types';
import { chat, dave } from '../fakes';
import { createHarness, type Harness } from '../fakes/harness';

/** Two bots, as two server instances behind one load balancer: one store, one meeting service, one directory. */
function twoInstances(): [Harness, Harness] {
  const one = createHarness();
  const two = createHarness({ shared: { clock: one.clock, meetings: one.meetings, directory: one.directory, store: one.store } });
  one.directory.add(dave, { platform: 'slack', id: 'UDAVE', displayName: 'dave' });
  return [one, two];
}

/**
 * Makes the next `n` calls of `object[method]` wait for each other, so concurrent requests really do read the
 * same state before either writes (the race the instances must survive), whatever the scheduling.
 */
function together<T extends object, K extends keyof T>(object: T, method: K, n = 2): void {
  const original = object[method] as unknown as (...args: unknown[]) => Promise<unknown>;
  const waiting: (() => void)[] = [];
  let calls = 0;
  const gated = async (...args: unknown[]): Promise<unknown> => {
    calls += 1;
    if (calls <= n) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === n) for (const release of waiting) release();
      });
    }
    return original.apply(object, args);
  };
  object[method] = gated as unknown as T[K];
}

const text = (reply: Reply): string => (reply.kind === 'card' ? reply.card.fallbackText : reply.text);

async function scheduled(h: Harness): Promise<string> {
  const reply = (await h.invoke('/meet tomorrow 15:00 30m Design review <@UBOB>', { as: chat.alice.slack })).only();
  assert.equal(reply.kind, 'card');
  return reply.kind === 'card' ? reply.card.meetingId : '';
}

describe('bot: several instances changing one meeting', () => {
  it('adds both people when two of them click "Add me" on two instances at the same time', async () => {
    const [one, two] = twoInstances();
    const meetingId = await scheduled(one);
    // Both read the record and the Graph meeting before either writes: each PATCH alone would drop the other.
    together(one.store, 'getMeeting');
    together(one.meetings, 'get');
    const [carol, daveClick] = await Promise.all([
      one.click('add_me', meetingId, { as: chat.carol.slack }),
      two.click('add_me', meetingId, { as: { platform: 'slack', id: 'UDAVE', displayName: 'dave' } }),
    ]);
    assert.equal(text(carol.outbox.only()), 'Carol White was added to "Design review".');
    assert.equal(text(daveClick.outbox.only()), 'Dave Brown was added to "Design review".');
    assert.ok(one.store.conflicts >= 1, 'the two changes did race');
    const ids = ['aad-bob', 'aad-carol', 'aad-dave'];
    assert.deepEqual(one.meetings.meetings.get(meetingId)?.attendees.map((a) => a.id).sort(), ids);
    const record = await one.store.getMeeting(meetingId);
    assert.deepEqual(record?.meeting.attendees.map((a) => a.id).sort(), ids);
    // Both clickers' chat identities are remembered, so the cards can mention them.
    assert.deepEqual(record?.people['aad-carol'], [chat.carol.slack]);
    assert.deepEqual(record?.people['aad-dave'], [{ platform: 'slack', id: 'UDAVE', displayName: 'dave' }]);
  });

  it('adds a person once when they click "Add me" on two instances at once', async () => {
    const [one, two] = twoInstances();
    const meetingId = await scheduled(one);
    together(one.store, 'getMeeting');
    together(one.meetings, 'get');
    const replies = await Promise.all([one.click('add_me', meetingId, { as: chat.carol.slack }), two.click('add_me', meetingId, { as: chat.carol.slack })]);
    for (const { outbox } of replies) assert.equal(outbox.only().kind, 'text');
    assert.deepEqual(one.meetings.meetings.get(meetingId)?.attendees.map((a) => a.id), ['aad-bob', 'aad-carol']);
    assert.deepEqual((await one.store.getMeeting(meetingId))?.meeting.attendees.map((a) => a.id), ['aad-bob', 'aad-carol']);
  });

  it('keeps both a call event and an "Add me" that race on two instances', async () => {
    const [one, two] = twoInstances();
    const meetingId = await scheduled(one);
    const joinUrl = one.meetings.meetings.get(meetingId)?.joinUrl ?? '';
    together(one.store, 'getMeeting');
    const started: CallEvent = { kind: 'callStarted', joinUrl, at: one.clock.now() };
    const [added] = await Promise.all([one.click('add_me', meetingId, { as: chat.carol.slack }), two.call(started)]);
    assert.equal(added.outbox.only().kind, 'text');
    assert.ok(one.store.conflicts >= 1, 'the two changes did race');
    const record = await one.store.getMeeting(meetingId);
    assert.equal(record?.call.state, 'live');
    assert.deepEqual(record?.meeting.attendees.map((a) => a.id), ['aad-bob', 'aad-carol']);
    assert.equal(two.logger.at('error').length, 0);
  });

  it('keeps both a reschedule and an "Add me" that race on two instances', async () => {
    const [one, two] = twoInstances();
    const meetingId = await scheduled(one);
    together(one.store, 'getMeeting');
    const [moved, added] = await Promise.all([
      one.click('reschedule', meetingId, { as: chat.alice.slack, values: { durationMinutes: 60 } }),
      two.click('add_me', meetingId, { as: chat.carol.slack }),
    ]);
    assert.match(text(moved.outbox.only()), /moved to/);
    assert.equal(text(added.outbox.only()), 'Carol White was added to "Design review".');
    for (const meeting of [one.meetings.meetings.get(meetingId), (await one.store.getMeeting(meetingId))?.meeting]) {
      assert.equal(meeting ? (meeting.end.getTime() - meeting.start.getTime()) / 60_000 : 0, 60);
      assert.deepEqual(meeting?.attendees.map((a) => a.id), ['aad-bob', 'aad-carol']);
    }
  });

  it('cancels once when the organizer cancels on two instances at once, and both say so', async () => {
    const [one, two] = twoInstances();
    const meetingId = await scheduled(one);
    together(one.store, 'getMeeting');
    const replies = await Promise.all([one.click('cancel', meetingId, { as: chat.alice.slack }), two.click('cancel', meetingId, { as: chat.alice.teams })]);
    for (const { outbox } of replies) assert.equal(text(outbox.only()), 'Meeting "Design review" was cancelled.');
    assert.equal((await one.store.getMeeting(meetingId))?.status, 'cancelled');
    assert.equal(one.meetings.meetings.size, 0);
  });

  it('gives up with a friendly message when every attempt loses the race', async () => {
    const [one] = twoInstances();
    const meetingId = await scheduled(one);
    one.store.updateMeeting = async () => false;
    const reply = (await one.click('add_me', meetingId, { as: chat.carol.slack })).outbox.only();
    assert.equal(reply.kind === 'error' && reply.code, 'meeting_busy');
    assert.equal(text(reply), 'Several people are changing this meeting at the same moment. Please try again.');
    assert.equal(one.logger.at('error').length, 0);
  });
});
