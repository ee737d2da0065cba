import { strict as assert } from 'node:assert';
import type { MessageRef, Reply } from '../../src/types';
import { carol, chat } from '../fakes';
import { createHarness, type Harness } from '../fakes/harness';

const moscowCard = (meetingId: string): { meetingId: string; ref: MessageRef; locale: 'ru'; timeZone: string } => ({
  meetingId,
  ref: { conversation: { platform: 'teams', id: '19:team@thread.tacv2' }, messageId: 'teams-1' },
  locale: 'ru',
  timeZone: 'Europe/Moscow',
});

/** Alice schedules a meeting from Slack; the card was also shared to a Russian Teams channel. */
async function scheduled(h: Harness, text = '/meet tomorrow 15:00 30m Design review') {
  const outbox = await h.invoke(text, { as: chat.alice.slack });
  const reply = outbox.only();
  assert.equal(reply.kind, 'card');
  const meetingId = reply.kind === 'card' ? reply.card.meetingId : '';
  await h.store.addPostedCard(moscowCard(meetingId));
  const source = outbox.refs[0] as MessageRef;
  return { meetingId, source };
}

function text(reply: Reply): string {
  return reply.kind === 'card' ? reply.card.fallbackText : reply.text;
}

describe('bot: changing meetings', () => {
  describe('cancel', () => {
    it('refuses anyone but the organizer, naming the organizer, in their language', async () => {
      const h = createHarness();
      const { meetingId, source } = await scheduled(h);
      const { outcome, outbox } = await h.click('cancel', meetingId, { as: chat.bob.slack, source });
      assert.deepEqual(outcome, {});
      const reply = outbox.only();
      assert.equal(reply.kind === 'error' && reply.code, 'not_organizer');
      assert.equal(text(reply), 'Только организатор, Alice Smith, может отменить эту встречу.');
      const en = (await h.click('cancel', meetingId, { as: chat.carol.slack, source })).outbox.only();
      assert.equal(text(en), 'Only the organizer, Alice Smith, can cancel this meeting.');
      assert.equal(h.meetings.meetings.size, 1);
      assert.equal(h.messenger.updates.length, 0);
    });

    it('cancels for the organizer and updates every other posted card in its own language', async () => {
      const h = createHarness();
      const { meetingId, source } = await scheduled(h);
      const { outcome, outbox } = await h.click('cancel', meetingId, { as: chat.alice.slack, source });
      assert.equal(outcome.updated?.status.state, 'cancelled');
      assert.equal(outcome.updated?.locale, 'en');
      assert.deepEqual(outcome.updated?.actions, []);
      assert.equal(text(outbox.only()), 'Meeting "Design review" was cancelled.');
      assert.equal(h.meetings.meetings.size, 0);
      assert.deepEqual(h.messenger.updates.map((u) => u.card.ref.messageId), ['teams-1']);
      assert.equal(h.messenger.latest('teams-1')?.statusText, 'Отменена');
      const again = (await h.click('cancel', meetingId, { as: chat.alice.slack, source })).outbox.only();
      assert.equal(again.kind === 'error' && again.code, 'meeting_cancelled');
    });

    it('lets the organizer cancel from another platform', async () => {
      const h = createHarness();
      const { meetingId } = await scheduled(h);
      const { outbox } = await h.click('cancel', meetingId, { as: chat.alice.teams });
      assert.equal(outbox.only().kind, 'text');
      assert.equal(h.messenger.updates.length, 2);
    });

    it('cancels a typed meeting ID from /meet list for the organizer only', async () => {
      const h = createHarness();
      const { meetingId, source } = await scheduled(h);
      const code = h.meetings.meetings.get(meetingId)?.meetingCode ?? '';
      const refused = (await h.invoke(`/meet cancel ${code}`, { as: chat.bob.slack })).only();
      assert.equal(refused.kind === 'error' && refused.code, 'meeting_not_found');
      const byId = (await h.invoke(`/meet cancel ${meetingId}`, { as: chat.bob.slack })).only();
      assert.equal(byId.kind === 'error' && byId.code, 'not_organizer');
      const done = (await h.invoke(`/meet cancel ${code}`, { as: chat.alice.slack })).only();
      assert.equal(text(done), 'Meeting "Design review" was cancelled.');
      assert.deepEqual(done.kind === 'text' && done.about?.card, source, 'it links to the card posted in this conversation');
      assert.equal(h.messenger.updates.length, 2);
    });

    it('still cancels when a posted card can no longer be updated, and logs it', async () => {
      const h = createHarness();
      const { meetingId, source } = await scheduled(h);
      h.messenger.failing.add('teams-1');
      const { outcome } = await h.click('cancel', meetingId, { as: chat.alice.slack, source });
      assert.equal(outcome.updated?.status.state, 'cancelled');
      assert.equal(h.logger.at('warn').length, 1);
      assert.equal(h.logger.at('error').length, 0);
    });
  });

  describe('add me', () => {
    it('adds anyone who asks, with the full attendee list, and updates the cards', async () => {
      const h = createHarness();
      const { meetingId, source } = await scheduled(h, '/meet tomorrow 15:00 <@UBOB>');
      const { outcome, outbox } = await h.click('add_me', meetingId, { as: chat.carol.slack, source });
      const confirmation = outbox.only();
      assert.equal(text(confirmation), 'Carol White was added to "Untitled meeting".');
      assert.deepEqual(confirmation.kind === 'text' && confirmation.about, { card: source, label: 'Open the meeting card' }, 'it links to the clicked card');
      assert.deepEqual(h.meetings.meetings.get(meetingId)?.attendees.map((a) => a.id), ['aad-bob', 'aad-carol']);
      assert.deepEqual(outcome.updated?.attendees.at(-1)?.user, chat.carol.slack);
      assert.deepEqual(h.messenger.latest('teams-1')?.attendees.map((p) => p.displayName), ['Bob Jones', 'Carol White']);
      assert.equal(carol.id, 'aad-carol');
    });

    it('tells people who are already on the list, the organizer included', async () => {
      const h = createHarness();
      const { meetingId } = await scheduled(h);
      await h.click('add_me', meetingId, { as: chat.carol.slack });
      for (const as of [chat.carol.slack, chat.alice.slack]) {
        const reply = (await h.click('add_me', meetingId, { as })).outbox.only();
        assert.equal(reply.kind === 'error' && reply.code, 'already_attending');
      }
    });

    it('refuses a cancelled meeting', async () => {
      const h = createHarness();
      const { meetingId } = await scheduled(h);
      await h.click('cancel', meetingId, { as: chat.alice.slack });
      const reply = (await h.click('add_me', meetingId, { as: chat.carol.slack })).outbox.only();
      assert.equal(reply.kind === 'error' && reply.code, 'meeting_cancelled');
    });
  });

  describe('reschedule', () => {
    it('moves the meeting to the date and time given in the organizer zone', async () => {
      const h = createHarness();
      const { meetingId, source } = await scheduled(h);
      const values = { date: '2025-03-07', time: '09:30', durationMinutes: 60 };
      const { outcome, outbox } = await h.click('reschedule', meetingId, { as: chat.alice.slack, source, values });
      const meeting = h.meetings.meetings.get(meetingId);
      assert.equal(meeting?.start.toISOString(), '2025-03-07T14:30:00.000Z');
      assert.equal(meeting?.end.toISOString(), '2025-03-07T15:30:00.000Z');
      assert.equal(text(outbox.only()), 'Meeting "Design review" moved to Fri, Mar 7, 9:30 – 10:30 AM EST.');
      assert.equal(outcome.updated?.timeText, 'Fri, Mar 7, 9:30 – 10:30 AM EST');
      assert.equal(h.messenger.latest('teams-1')?.timeText, 'пт, 7 мар., 17:30–18:30 GMT+3');
    });

    it('keeps what the form leaves out', async () => {
      const h = createHarness();
      const { meetingId } = await scheduled(h);
      await h.click('reschedule', meetingId, { as: chat.alice.slack, values: { durationMinutes: 90 } });
      const meeting = h.meetings.meetings.get(meetingId);
      assert.equal(meeting?.start.toISOString(), '2025-03-06T20:00:00.000Z');
      assert.equal(meeting?.end.toISOString(), '2025-03-06T21:30:00.000Z');
    });

    it('refuses a time in the past, a bad time and a change that changes nothing', async () => {
      const h = createHarness();
      const { meetingId } = await scheduled(h);
      const cases = [
        [{ date: '2025-03-04', time: '10:00' }, 'time_in_past'],
        [{ time: '25:99' }, 'invalid_time'],
        [{ durationMinutes: 0 }, 'end_before_start'],
        [{ durationMinutes: 25 * 60 }, 'meeting_too_long'],
        [{}, 'invalid_reschedule'],
      ] as const;
      for (const [values, code] of cases) {
        const reply = (await h.click('reschedule', meetingId, { as: chat.alice.slack, values })).outbox.only();
        assert.equal(reply.kind === 'error' && reply.code, code, JSON.stringify(values));
      }
      const past = (await h.click('reschedule', meetingId, { as: chat.alice.slack, values: { date: '2025-03-04', time: '10:00' } })).outbox.only();
      assert.equal(text(past), 'That time (Tue, Mar 4, 10:00 AM EST) has already passed. Pick a time ahead, for example `/meet tomorrow 10:00`.');
      assert.equal(h.meetings.count('update'), 0);
    });

    it('is for the organizer only', async () => {
      const h = createHarness();
      const { meetingId } = await scheduled(h);
      const reply = (await h.click('reschedule', meetingId, { as: chat.carol.slack, values: { time: '16:00' } })).outbox.only();
      assert.equal(text(reply), 'Only the organizer, Alice Smith, can reschedule this meeting.');
    });

    it('answers a click on a meeting it does not know', async () => {
      const h = createHarness();
      const reply = (await h.click('reschedule', 'nope', { as: chat.alice.slack, values: { time: '16:00' } })).outbox.only();
      assert.equal(reply.kind === 'error' && reply.code, 'meeting_not_found');
    });
  });

  describe('list and help', () => {
    it('lists my upcoming meetings, soonest first, in my zone, with ids', async () => {
      const h = createHarness();
      await h.invoke('/meet tomorrow 15:00 Later', { as: chat.alice.slack });
      await h.invoke('/meet now Sooner', { as: chat.alice.slack });
      await h.invoke('/meet now Not mine', { as: chat.bob.slack });
      const cancelled = await scheduled(h, '/meet tomorrow 9:00 Dropped');
      await h.click('cancel', cancelled.meetingId, { as: chat.alice.slack });
      const reply = (await h.invoke('/meet list', { as: chat.alice.slack })).only();
      assert.equal(reply.visibility, 'ephemeral');
      const lines = text(reply).split('\n');
      assert.equal(lines[0], 'Your upcoming meetings:');
      assert.match(lines[1] ?? '', /^• Sooner · Wed, Mar 5, 7:00 – 7:30 AM EST · ID `\d+`$/);
      assert.match(lines[2] ?? '', /^• Later · Thu, Mar 6, 3:00 – 3:30 PM EST/);
      assert.equal(lines.length, 3);
      const empty = (await h.invoke('/meet list', { as: chat.carol.slack, locale: 'ru' })).only();
      assert.equal(text(empty), 'У вас нет предстоящих встреч.');
    });

    it('never stops silently at a page: says how many more there are and shows them with /meet list 2', async () => {
      const h = createHarness();
      for (let i = 1; i <= 12; i++) await h.invoke(`/meet tomorrow ${String(8 + i).padStart(2, '0')}:00 Sync ${i}`, { as: chat.alice.slack });
      const first = text((await h.invoke('/meet list', { as: chat.alice.slack })).only()).split('\n');
      assert.equal(first[0], 'Your upcoming meetings, 1–10 of 12:');
      assert.equal(first.length, 12);
      assert.equal(first[11], '…and 2 more: `/meet list 2` shows the next ones.');
      const second = text((await h.invoke('/meet list 2', { as: chat.alice.slack })).only()).split('\n');
      assert.equal(second[0], 'Your upcoming meetings, 11–12 of 12:');
      assert.deepEqual(second.slice(1).map((l) => /^• (Sync \d+)/.exec(l)?.[1]), ['Sync 11', 'Sync 12']);
      const beyond = text((await h.invoke('/meet list 3', { as: chat.alice.slack })).only());
      assert.equal(beyond, 'You have 12 upcoming meetings, on 2 pages: `/meet list` shows the first.');
      const ru = text((await h.invoke('/meet список', { as: chat.alice.slack, locale: 'ru' })).only());
      assert.match(ru, /…и ещё 2: `\/meet список 2` покажет следующие\.$/);
    });

    it('explains itself in the reader language', async () => {
      const h = createHarness();
      assert.match(text((await h.invoke('/meet help', { as: chat.alice.slack })).only()), /^I create Microsoft Teams meetings/);
      assert.match(text((await h.invoke('/meet help', { as: chat.bob.slack })).only()), /^Я создаю встречи Microsoft Teams/);
    });
  });
});
