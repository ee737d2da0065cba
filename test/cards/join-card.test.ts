import { strict as assert } from 'node:assert';
import { buildJoinCard } from '../../src/cards';
import { alice, bob, chat, sampleRecord } from '../fakes';

const newYork = { locale: 'en', timeZone: 'America/New_York', platform: 'slack' } as const;
const moscow = { locale: 'ru', timeZone: 'Europe/Moscow', platform: 'teams' } as const;

describe('join card', () => {
  it('shows the time in the reader zone and language', () => {
    const record = sampleRecord();
    assert.equal(buildJoinCard(record, newYork).timeText, 'Wed, Mar 5, 10:00 – 10:30 AM EST');
    const ru = buildJoinCard(record, moscow);
    assert.equal(ru.timeText, 'ср, 5 мар., 18:00–18:30 GMT+3');
    assert.equal(ru.labels.organizer, 'Организатор');
    assert.equal(ru.statusText, 'Запланирована');
    assert.deepEqual(ru.actions.map((a) => a.label), ['Добавить меня', 'Перенести', 'Отменить встречу']);
  });

  it('puts everything needed to join into the text fallback', () => {
    const card = buildJoinCard(sampleRecord(), newYork);
    for (const part of [card.joinUrl, '310 000 000 042', 'Pa42ss', '+1 555 0100', '+1 800 555 0100', '5550042', 'Alice Smith', 'Bob Jones', 'Carol White']) {
      assert.ok(card.fallbackText.includes(part), `fallback misses ${part}:\n${card.fallbackText}`);
    }
    assert.equal(card.title, 'Design review');
  });

  it('names untitled meetings by kind', () => {
    assert.equal(buildJoinCard(sampleRecord({ instant: true, meeting: { subject: null } }), newYork).title, 'Meeting now');
    assert.equal(buildJoinCard(sampleRecord({ meeting: { subject: null } }), moscow).title, 'Встреча');
  });

  it('links people to their identity on the reader platform', () => {
    const slack = buildJoinCard(sampleRecord(), newYork);
    assert.deepEqual(slack.organizer.user, chat.alice.slack);
    assert.deepEqual(slack.attendees[0]?.user, chat.bob.slack);
    assert.equal(slack.attendees[1]?.user, undefined);
    const teams = buildJoinCard(sampleRecord(), moscow);
    assert.deepEqual(teams.organizer.user, chat.alice.teams);
    assert.equal(teams.attendees[0]?.user, undefined);
    assert.equal(teams.attendees[0]?.email, 'bob@contoso.com');
  });

  it('asks before cancelling', () => {
    const cancel = buildJoinCard(sampleRecord(), newYork).actions.find((a) => a.id === 'cancel');
    assert.equal(cancel?.confirm?.title, 'Cancel this meeting?');
    assert.equal(cancel?.confirm?.no, 'Keep it');
  });

  it('shows who is in a live call and offers only "add me"', () => {
    const call = { state: 'live', callId: 'c1', since: new Date('2025-03-05T15:01:00Z'), participants: [alice, bob] } as const;
    const card = buildJoinCard(sampleRecord({ call }), newYork);
    assert.equal(card.status.state, 'live');
    assert.equal(card.statusText, 'Live now: Alice Smith and Bob Jones');
    assert.deepEqual(card.actions.map((a) => a.id), ['add_me']);
    const empty = buildJoinCard(sampleRecord({ call: { ...call, participants: [] } }), moscow);
    assert.equal(empty.statusText, 'Идёт сейчас');
  });

  it('says how long an ended call lasted and still offers a new time', () => {
    const call = { state: 'ended', callId: 'c1', startedAt: new Date('2025-03-05T15:00:00Z'), endedAt: new Date('2025-03-05T15:12:00Z') } as const;
    const en = buildJoinCard(sampleRecord({ call }), newYork);
    assert.equal(en.statusText, 'Ended, lasted 12 min');
    assert.deepEqual(en.status, { state: 'ended', startedAt: call.startedAt, endedAt: call.endedAt, durationMinutes: 12 });
    assert.deepEqual(en.actions.map((a) => a.id), ['add_me', 'reschedule']);
    assert.equal(buildJoinCard(sampleRecord({ call }), moscow).statusText, 'Завершилась, длилась 12 минут');
  });

  it('drops buttons and the dead link from a cancelled meeting', () => {
    const card = buildJoinCard(sampleRecord({ status: 'cancelled' }), newYork);
    assert.equal(card.statusText, 'Cancelled');
    assert.deepEqual(card.actions, []);
    assert.ok(!card.fallbackText.includes(card.joinUrl));
  });
});
