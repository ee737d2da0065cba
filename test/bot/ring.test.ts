// Ringing people into a call, in the core: who is rung, how each answer reaches every card, when the bot leaves,
// and who may press Ring them.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { CallingService, M365User, Meeting } from '../../src/bot-api';
import { alice, bob, carol, chat } from '../fakes';
import { createHarness } from '../fakes/harness';

const CALL_ID = '491f0b00-ffff-4bc9-a43e-b226498ec22a';

function fakeCalling(callId = CALL_ID) {
  return {
    ring: sinon.spy(async (_meeting: Meeting, _invitees: readonly M365User[]) => callId),
    watch: sinon.spy(async (_meeting: Meeting) => callId),
    leave: sinon.spy(async (_callId: string) => undefined),
  } satisfies CallingService;
}

async function rung(text: string, calling = fakeCalling(), config = {}) {
  const h = createHarness({ calling, config });
  const outbox = await h.invoke(text, { as: chat.alice.slack });
  const reply = outbox.only();
  assert.equal(reply.kind, 'card');
  const card = reply.kind === 'card' ? reply.card : undefined;
  await h.store.addPostedCard({ meetingId: card?.meetingId ?? '', ref: { conversation: { platform: 'teams', id: '19:incidents@thread.tacv2' }, messageId: 'teams-1' }, locale: 'ru', timeZone: 'Europe/Moscow' });
  return { h, card, meetingId: card?.meetingId ?? '', calling };
}

describe('bot: ringing people into the call', () => {
  it('rings the people a "now … ring" names, and the card says it is ringing them', async () => {
    const { card, calling } = await rung('/meet now Sev1 <@UBOB> <@UCAROL> ring');
    assert.equal(calling.ring.callCount, 1);
    assert.deepEqual(calling.ring.firstCall.args[1].map((u) => u.id), [bob.id, carol.id]);
    assert.equal(card?.ringText, 'Ringing Bob Jones and Carol White');
    assert.match(card?.fallbackText ?? '', /\nRinging Bob Jones and Carol White\n/);
    assert.equal(card?.subject, 'Sev1', 'the word ring is no part of the subject');
  });

  it('moves every card on as people answer and decline, and leaves the call once nobody rings', async () => {
    const { h, meetingId, calling } = await rung('/meet now Sev1 <@UBOB> <@UCAROL> ring');
    await h.bot.handleRingEvent?.({ kind: 'outcome', meetingId, callId: CALL_ID, userId: bob.id, outcome: 'answered' });
    assert.equal(h.messenger.latest('teams-1')?.ringText, 'Звоним: Carol White · Ответили: Bob Jones');
    assert.equal(calling.leave.callCount, 0, 'carol still rings');
    await h.bot.handleRingEvent?.({ kind: 'outcome', meetingId, callId: CALL_ID, userId: carol.id, outcome: 'declined' });
    assert.equal(h.messenger.latest('teams-1')?.ringText, 'Ответили: Bob Jones · Отклонили: Carol White');
    assert.deepEqual(calling.leave.args, [[CALL_ID]]);
    await h.bot.handleRingEvent?.({ kind: 'outcome', meetingId, callId: CALL_ID, userId: bob.id, outcome: 'declined' });
    assert.match(h.messenger.latest('teams-1')?.ringText ?? '', /Ответили: Bob Jones/, 'a late decline does not undo an answer');
    await h.bot.handleRingEvent?.({ kind: 'left', meetingId, callId: CALL_ID });
    assert.equal(calling.leave.callCount, 1);
  });

  it('counts whoever still rang when the bot left as not answered, and ignores events of another call', async () => {
    const { h, meetingId } = await rung('/meet now Sev1 <@UBOB> <@UCAROL> ring');
    await h.bot.handleRingEvent?.({ kind: 'outcome', meetingId, callId: 'another-call', userId: bob.id, outcome: 'answered' });
    assert.equal((await h.store.getMeeting(meetingId))?.ring?.invitees.every((i) => i.outcome === 'ringing'), true);
    await h.bot.handleRingEvent?.({ kind: 'left', meetingId, callId: CALL_ID });
    assert.equal(h.messenger.latest('teams-1')?.ringText, 'Не ответили: Bob Jones и Carol White');
  });

  it('does not ring somebody already in the call, and says so', async () => {
    const calling = fakeCalling();
    const h = createHarness({ calling });
    const outbox = await h.invoke('/meet now Sev2 <@UBOB> <@UCAROL>', { as: chat.alice.slack });
    const reply = outbox.only();
    const card = reply.kind === 'card' ? reply.card : undefined;
    assert.ok(card?.actions.some((a) => a.id === 'ring'), 'an instant meeting offers Ring them');
    await h.call({ kind: 'rosterUpdated', joinUrl: card?.joinUrl ?? '', at: h.clock.now(), joined: [bob], left: [] });
    const { outbox: answer, outcome } = await h.click('ring', card?.meetingId ?? '', { as: chat.alice.slack, source: outbox.refs[0] });
    assert.deepEqual(calling.ring.firstCall.args[1].map((u) => u.id), [carol.id]);
    assert.equal(answer.only().kind === 'text' && answer.only().visibility, 'ephemeral');
    assert.match(JSON.stringify(answer.only()), /Ringing Carol White into \\"Sev2\\"/);
    assert.equal(outcome.updated?.ringText, 'Ringing Carol White · Bob Jones already in the call');
    assert.ok(!outcome.updated?.actions.some((a) => a.id === 'ring'), 'no second ring while this one rings');
    const again = (await h.click('ring', card?.meetingId ?? '', { as: chat.bob.slack })).outbox.only();
    assert.equal(again.kind === 'error' && again.code, 'already_ringing');
  });

  it('lets only the organizer and the people invited press Ring them', async () => {
    const calling = fakeCalling();
    const h = createHarness({ calling });
    const reply = (await h.invoke('/meet now Sev3 <@UBOB>', { as: chat.alice.slack })).only();
    const meetingId = reply.kind === 'card' ? reply.card.meetingId : '';
    const refused = (await h.click('ring', meetingId, { as: chat.carol.slack })).outbox.only();
    assert.equal(refused.kind === 'error' && refused.code, 'ring_not_allowed');
    assert.equal(calling.ring.callCount, 0);
    await h.click('ring', meetingId, { as: chat.bob.slack });
    assert.deepEqual(calling.ring.firstCall.args[1].map((u) => u.id), [alice.id], 'bob rings everyone else: the organizer');
  });

  it('rings nobody where MEETBOT_RING=off or no Calls API is wired, and offers no button', async () => {
    const off = await rung('/meet now Sev1 <@UBOB> ring', fakeCalling(), { ring: 'off' });
    assert.equal(off.calling.ring.callCount, 0);
    assert.equal(off.card?.ringText, undefined);
    assert.ok(!off.card?.actions.some((a) => a.id === 'ring'));
    const refused = (await off.h.click('ring', off.meetingId, { as: chat.alice.slack })).outbox.only();
    assert.equal(refused.kind === 'error' && refused.code, 'ring_off');
    const none = createHarness();
    const reply = (await none.invoke('/meet now Sev1 <@UBOB> ring', { as: chat.alice.slack })).only();
    assert.equal(reply.kind === 'card' && reply.card.ringText, undefined);
  });

  it('rings nobody for a scheduled meeting, and says ringing failed when the call cannot be placed', async () => {
    const scheduled = await rung('/meet tomorrow 15:00 Review <@UBOB> ring');
    assert.equal(scheduled.calling.ring.callCount, 0);
    const failing = fakeCalling();
    failing.ring = sinon.spy(async (_meeting: Meeting, _invitees: readonly M365User[]): Promise<string> => {
      throw new Error('503 from the Calls API');
    });
    const failed = await rung('/meet now Sev1 <@UBOB> ring', failing);
    assert.equal(failed.card?.ringText, 'Could not ring anyone: the call could not be placed');
  });

  it('joins silently to follow the call on "watch", and forgets the leg once it left', async () => {
    const { h, meetingId, calling, card } = await rung('/meet now Bridge <@UBOB> watch');
    assert.equal(calling.watch.callCount, 1);
    assert.equal(calling.ring.callCount, 0);
    assert.equal(card?.subject, 'Bridge');
    assert.equal((await h.store.getMeeting(meetingId))?.watch?.callId, CALL_ID);
    await h.bot.handleRingEvent?.({ kind: 'left', meetingId, callId: CALL_ID });
    assert.equal((await h.store.getMeeting(meetingId))?.watch, undefined);
  });
});
