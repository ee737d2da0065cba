import { strict as assert } from 'node:assert';
import { fixture, type Harness } from './helpers/harness';
import type { fakeMeetings } from './helpers/core-fakes';
import { startRealCore } from './helpers/real-core';

type Json = Record<string, unknown>;

function cardOf(activity: Json | undefined): { body: Json[]; actions: Json[] } {
  const attachments = (activity?.attachments ?? []) as Array<{ contentType: string; content: { body: Json[]; actions: Json[] } }>;
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  assert.ok(card, 'expected an Adaptive Card attachment');
  return card;
}

describe('Teams: chatter in personal chat and mentions, and the commands the bot offers', () => {
  let h: Harness;
  let meetings: ReturnType<typeof fakeMeetings>;
  const now = new Date('2026-03-02T09:00:00Z');

  beforeEach(async () => {
    ({ h, meetings } = await startRealCore(now));
  });
  afterEach(() => h.close());

  it('answers "hello" in personal chat with help in Russian and a button that starts a meeting, creating nothing', async () => {
    await h.post(fixture('personal-message', h.connector.url, { text: 'hello', id: '1772442000601' }));
    assert.equal(meetings.meetings.size, 0);
    const card = cardOf(h.connector.messages()[0]?.activity);
    assert.match(JSON.stringify(card.body), /Я создаю встречи в Teams/);
    assert.deepEqual(card.actions.map((a) => [a.title, (a.data as { msteams: { type: string; value: string } }).msteams]), [
      ['Начать встречу сейчас', { type: 'imBack', value: '/meet now' }],
    ]);
  });

  it('creates the meeting when the button sends its command back as the person\'s message', async () => {
    await h.post(fixture('personal-message', h.connector.url, { text: 'thanks!', id: '1772442000602' }));
    assert.equal(meetings.meetings.size, 0);
    const back = fixture('personal-message', h.connector.url, { text: '/meet now', id: '1772442000603' });
    await h.post(back);
    await h.post(back); // the connector redelivers: still one meeting
    assert.equal(meetings.meetings.size, 1);
  });

  it('answers "@meetbot hello" in a channel with help instead of a meeting', async () => {
    const base = fixture('channel-message', h.connector.url);
    await h.post({ ...base, id: '1772442000604', text: '<at>meetbot</at> hello', entities: [(base.entities as Json[])[0]] });
    assert.equal(meetings.meetings.size, 0);
    assert.match(JSON.stringify(cardOf(h.connector.messages()[0]?.activity).body), /I set up Teams meetings/);
  });

  it('still makes "now Design review" in personal chat a meeting: "now" asks for one', async () => {
    await h.post(fixture('personal-message', h.connector.url, { id: '1772442000605' }));
    assert.equal([...meetings.meetings.values()][0]?.subject, 'Design review');
  });

  it('asks back about "завтро" with buttons for the corrected reading and for the words as the subject', async () => {
    await h.post(fixture('personal-message', h.connector.url, { text: 'завтро в 15:00 Ретро', id: '1772442000606' }));
    assert.equal(meetings.meetings.size, 0);
    const card = cardOf(h.connector.messages()[0]?.activity);
    assert.match(JSON.stringify(card.body), /не «завтро»/);
    const values = card.actions.map((a) => (a.data as { msteams: { value: string } }).msteams.value);
    assert.equal(values[0], '/meet завтра в 15:00 Ретро');
    assert.match(values[1] ?? '', /^\/meet (сегодня|завтра) в 15:00 "завтро Ретро"$/);
    await h.post(fixture('personal-message', h.connector.url, { text: values[0], id: '1772442000607' }));
    const [meeting] = [...meetings.meetings.values()];
    assert.equal(meeting?.subject, 'Ретро');
    const start = new Date(meeting?.start ?? 0);
    assert.equal(start.toLocaleString('en-GB', { timeZone: 'Europe/Moscow', hour: '2-digit', minute: '2-digit' }), '15:00');
  });
});
