import { strict as assert } from 'node:assert';
import { fixture, PEOPLE, type Harness } from './helpers/harness';
import type { fakeMeetings } from './helpers/core-fakes';
import { startRealCore } from './helpers/real-core';

type Json = Record<string, unknown>;

function cardOf(activity: Json | undefined): Json {
  const attachments = (activity?.attachments ?? []) as Array<{ contentType: string; content: Json }>;
  const card = attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
  assert.ok(card, 'expected an Adaptive Card attachment');
  return card;
}

function allText(card: Json): string {
  return JSON.stringify(card.body);
}

describe('Teams end to end with the real core', () => {
  let h: Harness;
  let meetings: ReturnType<typeof fakeMeetings>;
  const now = new Date('2026-03-02T09:00:00Z');

  beforeEach(async () => {
    ({ h, meetings } = await startRealCore(now));
  });
  afterEach(() => h.close());

  async function createStandup(): Promise<{ meetingId: string; cardId: string; card: Json }> {
    const res = await h.post(fixture('channel-message', h.connector.url));
    assert.equal(res.status, 200);
    const [typing, reply] = h.connector.calls;
    assert.equal(typing?.activity.type, 'typing');
    assert.equal(reply?.conversationId, '19:general@thread.tacv2;messageid=1772442000123');
    assert.equal(reply?.activityId, '1772442000123');
    const [meeting] = [...meetings.meetings.values()];
    assert.ok(meeting);
    return { meetingId: meeting.id, cardId: 'msg-2', card: cardOf(reply?.activity) };
  }

  it('creates the meeting from a channel mention and replies in the thread with a join card', async () => {
    const { card } = await createStandup();
    const meeting = [...meetings.meetings.values()][0];
    assert.ok(meeting);
    assert.equal(meeting.subject, 'Standup');
    assert.equal(meeting.externalId !== undefined, true);
    assert.deepEqual(meeting.attendees.map((a) => a.displayName), ['Alice Smith', 'Bob Jones']);
    assert.equal(card.version, '1.5');
    assert.deepEqual((card.actions as Json[])[0], { type: 'Action.OpenUrl', title: 'Join meeting', url: meeting.joinUrl });
    assert.ok(/^https:\/\//.test(meeting.joinUrl));
    const text = allText(card);
    assert.ok(text.includes((meeting.meetingCode ?? '?').replace(/(\d{3})(?=\d)/g, '$1 ')), 'the meeting ID, grouped as Teams prints it');
    assert.ok(text.includes(meeting.passcode ?? '?'));
    const mentioned = ((card.msteams as Json).entities as Array<{ mentioned: { id: string } }>).map((e) => e.mentioned.id);
    assert.ok(mentioned.includes(PEOPLE.alice.id) && mentioned.includes(PEOPLE.bob.id));
  });

  it('creates one meeting and one card when Teams retries the activity', async () => {
    await createStandup();
    await h.post(fixture('channel-message', h.connector.url));
    assert.equal(meetings.meetings.size, 1);
    assert.equal(h.connector.messages().length, 1);
  });

  it('refuses Cancel from someone who is not the organizer, and lets the organizer cancel and updates the card', async () => {
    const { meetingId, cardId } = await createStandup();
    const click = (from: Json, id: string) =>
      h.post(
        fixture('invoke-action', h.connector.url, {
          id,
          from,
          replyToId: cardId,
          value: { action: { type: 'Action.Execute', verb: 'meetbot.cancel', data: { meetingId } }, trigger: 'manual' },
        }),
      );
    const refused = await click({ id: PEOPLE.dave.id, name: PEOPLE.dave.name, aadObjectId: PEOPLE.dave.aadObjectId }, 'f:dave-1');
    assert.equal(refused.status, 200);
    const refusal = refused.body as { type: string; value: string };
    assert.equal(refusal.type, 'application/vnd.microsoft.activity.message');
    assert.match(refusal.value, /Only the organizer, Carol Organizer, can/);
    assert.equal(meetings.meetings.size, 1);

    const done = await click({ id: PEOPLE.carol.id, name: PEOPLE.carol.name, aadObjectId: PEOPLE.carol.aadObjectId }, 'f:carol-1');
    const body = done.body as { statusCode: number; type: string; value: Json };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(allText(body.value), /Cancelled/);
    assert.deepEqual(body.value.actions, []);
    assert.equal(meetings.meetings.size, 0);
  });

  it('applies an Action.Execute click once when Teams delivers it twice, answering both with the card', async () => {
    const { meetingId, cardId } = await createStandup();
    const click = () =>
      h.post(
        fixture('invoke-action', h.connector.url, {
          id: 'f:dave-add-1',
          from: { id: PEOPLE.dave.id, name: PEOPLE.dave.name, aadObjectId: PEOPLE.dave.aadObjectId },
          replyToId: cardId,
          value: { action: { type: 'Action.Execute', verb: 'meetbot.add_me', data: { meetingId } }, trigger: 'manual' },
        }),
      );
    const first = (await click()).body as { type: string; value: Json };
    const again = (await click()).body as { type: string; value: Json };
    assert.equal(first.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal(again.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal(allText(again.value), allText(first.value));
    const attendees = [...meetings.meetings.values()][0]?.attendees.map((a) => a.displayName) ?? [];
    assert.equal(attendees.filter((name) => name === PEOPLE.dave.name).length, 1);
    assert.equal(h.connector.messages().filter((m) => /was added/.test(String(m.activity.text))).length, 1, 'one confirmation');
  });

  it('adds the clicker through the Action.Submit fallback and updates the clicked card in place', async () => {
    const { meetingId, cardId } = await createStandup();
    await h.post(
      fixture('submit-action', h.connector.url, {
        from: { id: PEOPLE.dave.id, name: PEOPLE.dave.name, aadObjectId: PEOPLE.dave.aadObjectId },
        replyToId: cardId,
        value: { verb: 'meetbot.add_me', meetingId },
      }),
    );
    const put = h.connector.calls.find((c) => c.method === 'PUT' && c.activityId === cardId);
    assert.ok(put, 'expected the clicked card to be updated');
    assert.ok(allText(cardOf(put.activity)).includes('Dave Other'));
  });

  it('answers a tag mention with a clear message and creates nothing', async () => {
    await h.post(fixture('tag-mention-message', h.connector.url));
    assert.equal(meetings.meetings.size, 0);
    assert.match(h.connector.messages()[0]?.activity.text as string, /can't invite Designers/);
  });

  it('answers help in Russian in personal chat', async () => {
    await h.post(fixture('personal-message', h.connector.url, { text: 'помощь' }));
    const reply = h.connector.messages()[0]?.activity.text as string;
    assert.ok(reply && /[а-я]/i.test(reply), reply);
  });
});
