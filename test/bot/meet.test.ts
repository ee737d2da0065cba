import { strict as assert } from 'node:assert';
import { BotError } from '../../src/errors';
import type { MeetingSpec } from '../../src/meetings/ports';
import type { Reply } from '../../src/types';
import { alice, bob, carol, chat, dave, FakeOutbox } from '../fakes';
import { createHarness } from '../fakes/harness';

function card(reply: Reply) {
  assert.equal(reply.kind, 'card', `expected a card, got ${JSON.stringify(reply)}`);
  return reply.kind === 'card' ? reply : assert.fail();
}

function error(reply: Reply) {
  assert.equal(reply.kind, 'error', `expected an error, got ${JSON.stringify(reply)}`);
  return reply.kind === 'error' ? reply : assert.fail();
}

describe('bot: creating meetings', () => {
  it('posts a join card in the channel for an instant meeting and remembers it', async () => {
    const h = createHarness();
    const outbox = await h.invoke('/meet now <@UBOB>', {
      as: chat.alice.slack,
      mentions: [{ token: '<@UBOB>', user: chat.bob.slack }],
    });
    const reply = card(outbox.only());
    assert.equal(reply.visibility, 'channel');
    assert.equal(reply.card.instant, true);
    assert.equal(reply.card.title, 'Meeting now');
    assert.equal(reply.card.organizer.displayName, 'Alice Smith');
    assert.deepEqual(reply.card.attendees.map((p) => p.user), [chat.bob.slack]);
    assert.equal(reply.card.timeZone, 'America/New_York');
    assert.equal(h.meetings.meetings.size, 1);
    assert.deepEqual(h.store.cards.map((c) => c.ref), outbox.refs);
    assert.equal(h.store.cards[0]?.timeZone, 'America/New_York');
  });

  it('schedules a meeting at a time read in the invoker zone', async () => {
    const h = createHarness();
    const outbox = await h.invoke('/meet tomorrow 15:00 45m Design review', { as: chat.alice.slack });
    const reply = card(outbox.only());
    assert.equal(reply.card.instant, false);
    assert.equal(reply.card.subject, 'Design review');
    assert.equal(reply.card.start.toISOString(), '2025-03-06T20:00:00.000Z');
    assert.equal(reply.card.end.toISOString(), '2025-03-06T20:45:00.000Z');
    assert.equal(reply.card.timeText, 'Thu, Mar 6, 3:00 – 3:45 PM EST');
  });

  it('reads "3ish" as 3 o\'clock and says on the card that the time is approximate, until someone picks an exact one', async () => {
    const h = createHarness();
    const outbox = await h.invoke('/meet tomorrow 3ish Coffee', { as: chat.alice.slack });
    const reply = card(outbox.only());
    assert.equal(reply.card.start.toISOString(), '2025-03-06T20:00:00.000Z');
    assert.equal(reply.card.timeText, 'Thu, Mar 6, 3:00 – 3:30 PM EST (roughly: you said "-ish")');
    assert.equal(reply.card.approximate, true);
    const source = outbox.refs[0];
    const moved = await h.click('reschedule', reply.card.meetingId, { as: chat.alice.slack, values: { time: '15:30' }, ...(source ? { source } : {}) });
    assert.equal(moved.outcome.updated?.approximate, undefined);
    assert.equal(moved.outcome.updated?.timeText, 'Thu, Mar 6, 3:30 – 4:00 PM EST');
  });

  it('resolves every attendee in one directory call, once each, without the organizer', async () => {
    const h = createHarness();
    const outbox = await h.invoke('/meet now @bob bob@contoso.com @alice @carol dave@contoso.com', { as: chat.alice.local });
    const reply = card(outbox.only());
    assert.equal(h.directory.lookups.length, 1);
    assert.equal(h.directory.lookups[0]?.length, 6);
    const [meeting] = [...h.meetings.meetings.values()];
    assert.deepEqual(meeting?.organizer, alice);
    assert.deepEqual(meeting?.attendees, [bob, carol, dave]);
    assert.deepEqual(reply.card.attendees.map((p) => p.displayName), ['Bob Jones', 'Carol White', 'Dave Brown']);
  });

  it('names an unknown person in the invoker language and creates nothing', async () => {
    const h = createHarness();
    const en = error((await h.invoke('/meet now @zed @carol @yan', { as: chat.alice.local })).only());
    assert.equal(en.code, 'user_not_found');
    assert.equal(en.visibility, 'ephemeral');
    assert.equal(en.text, "I couldn't find @zed and @yan in the directory. Check the name or use their e-mail address.");
    const ru = error((await h.invoke('/meet сейчас @zed', { as: chat.alice.local, locale: 'ru' })).only());
    assert.equal(ru.text, 'Не нашёл @zed в каталоге. Проверьте имя или укажите рабочую почту.');
    assert.equal(h.meetings.count('createOrGet'), 0);
  });

  it('says when an e-mail address has no Microsoft 365 account', async () => {
    const h = createHarness();
    const reply = error((await h.invoke('/meet now zed@gmail.com', { as: chat.alice.local })).only());
    assert.equal(reply.code, 'no_microsoft_account');
    assert.match(reply.text, /^zed has no Microsoft 365 account I can invite \(zed@gmail\.com\)/);
  });

  it('creates one meeting and posts one card when the platform delivers the same event twice', async () => {
    const h = createHarness();
    const first = await h.invoke('/meet now Standup', { as: chat.alice.slack, key: 'Ev123' });
    const second = await h.invoke('/meet now Standup', { as: chat.alice.slack, key: 'Ev123' });
    assert.equal(h.meetings.meetings.size, 1);
    assert.equal(h.store.records.size, 1);
    assert.ok(card(first.only()).card.meetingId);
    assert.deepEqual(second.sent, [], 'the repeat posts nothing: the first delivery answered');
    assert.deepEqual(h.meetings.calls.map((c) => (c.args[0] as MeetingSpec).externalId), ['Ev123']);
  });

  it('posts one card when two instances receive the same command at the same time', async () => {
    const a = createHarness();
    const b = createHarness({ shared: a });
    const [one, two] = await Promise.all([
      a.invoke('/meet now Standup', { as: chat.alice.slack, key: 'Tr456' }),
      b.invoke('/meet now Standup', { as: chat.alice.slack, key: 'Tr456' }),
    ]);
    assert.equal([...one.sent, ...two.sent].filter((r) => r.kind === 'card').length, 1);
    assert.equal(a.meetings.meetings.size, 1);
  });

  it('tells apart the same event id on two platforms', async () => {
    const h = createHarness();
    await h.invoke('/meet now Standup', { as: chat.alice.slack, key: 'same-id' });
    const teams = await h.invoke('/meet now Standup', { as: chat.alice.teams, key: 'same-id' });
    assert.equal(teams.only().kind, 'card');
  });

  it('answers a busy Graph with a friendly, private message', async () => {
    const h = createHarness();
    h.meetings.failNext('createOrGet', new BotError('graph_busy'));
    const reply = error((await h.invoke('/meet now', { as: chat.alice.slack })).only());
    assert.equal(reply.code, 'graph_busy');
    assert.equal(reply.text, 'Teams is busy right now and asked me to slow down. Please try again in a minute.');
    assert.equal(h.logger.at('error').length, 0);
  });

  it('answers an unexpected exception with "internal" and logs it once as a bug', async () => {
    const h = createHarness();
    const boom = new TypeError('cannot read properties of undefined');
    h.meetings.failNext('createOrGet', boom);
    const reply = error((await h.invoke('/meet now', { as: chat.bob.slack })).only());
    assert.equal(reply.code, 'internal');
    assert.equal(reply.text, 'У меня что-то сломалось, и я не смог закончить. Ошибка записана; попробуйте ещё раз.');
    const errors = h.logger.at('error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.obj.err, boom);
  });

  it('explains a command it cannot read, without calling Graph', async () => {
    const h = createHarness();
    const reply = error((await h.invoke('/meet tomorrow 10:00 for 30 hours', { as: chat.alice.slack })).only());
    assert.equal(reply.code, 'meeting_too_long');
    assert.equal(h.meetings.calls.length, 0);
  });

  it('logs a reply the platform refused instead of throwing', async () => {
    const h = createHarness();
    const conversation = { platform: 'slack', id: 'C1' } as const;
    const outbox = new FakeOutbox(conversation);
    outbox.failWith = new Error('channel_not_found');
    await h.bot.handleInvocation(
      { text: 'help', mentions: [], invoker: chat.alice.slack, conversation, receivedAt: h.clock.now(), idempotencyKey: 'k' },
      outbox,
    );
    assert.equal(h.logger.at('error').length, 1);
    assert.equal(h.logger.at('error')[0]?.msg, 'could not send a reply');
  });

  it('falls back to the configured zone when the platform sends an unknown one', async () => {
    const h = createHarness({ config: { defaultTimeZone: 'Europe/Berlin' } });
    const reply = card((await h.invoke('/meet now', { as: chat.carol.slack, timeZone: 'Mars/Olympus' })).only());
    assert.equal(reply.card.timeZone, 'Europe/Berlin');
  });
});
