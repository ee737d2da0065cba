import { strict as assert } from 'node:assert';
import type { CallEvent } from '../../src/lifecycle/types';
import type { MessageRef } from '../../src/types';
import { alice, bob, chat } from '../fakes';
import { createHarness, type Harness } from '../fakes/harness';

/** An instant meeting posted to Slack (New York, English) and to Teams (Moscow, Russian). */
async function meetingOnTwoPlatforms(h: Harness) {
  const slack = await h.invoke('/meet now Standup', { as: chat.alice.slack });
  const teams = await h.invoke('/meet сейчас Планёрка', { as: chat.bob.teams, locale: 'ru', timeZone: 'Europe/Moscow' });
  const slackCard = slack.only();
  assert.equal(slackCard.kind, 'card');
  const meetingId = slackCard.kind === 'card' ? slackCard.card.meetingId : '';
  // The same meeting's card, shared in a Russian Teams chat.
  const teamsRef: MessageRef = { conversation: teams.conversation, messageId: 'shared-1' };
  await h.store.addPostedCard({ meetingId, ref: teamsRef, locale: 'ru', timeZone: 'Europe/Moscow' });
  const joinUrl = h.meetings.meetings.get(meetingId)?.joinUrl ?? '';
  return { meetingId, joinUrl, slackRef: slack.refs[0] as MessageRef, teamsRef };
}

describe('bot: the call lifecycle on the cards', () => {
  it('shows live with who is in, then the length, then a new live call on rejoin', async () => {
    const h = createHarness();
    const { joinUrl, slackRef, teamsRef } = await meetingOnTwoPlatforms(h);
    const at = (minutes: number): Date => new Date(h.clock.now().getTime() + minutes * 60_000);
    const events: CallEvent[] = [
      { kind: 'callStarted', joinUrl, at: at(1) },
      { kind: 'rosterUpdated', joinUrl, at: at(1), joined: [alice, bob], left: [] },
    ];
    for (const event of events) await h.call(event);
    const live = h.messenger.latest(slackRef.messageId);
    assert.equal(live?.statusText, 'Live now: Alice Smith and Bob Jones');
    assert.deepEqual(live?.status.state === 'live' && live.status.participants.map((p) => p.user), [chat.alice.slack, undefined]);
    assert.equal(h.messenger.latest(teamsRef.messageId)?.statusText, 'Идёт сейчас: Alice Smith и Bob Jones');

    await h.call({ kind: 'rosterUpdated', joinUrl, at: at(13), joined: [], left: [alice, bob] });
    await h.call({ kind: 'callEnded', joinUrl, at: at(13) });
    assert.equal(h.messenger.latest(slackRef.messageId)?.statusText, 'Ended, lasted 12 min');
    assert.equal(h.messenger.latest(teamsRef.messageId)?.statusText, 'Завершилась, длилась 12 минут');

    await h.call({ kind: 'rosterUpdated', joinUrl, at: at(30), joined: [bob], left: [] });
    assert.equal(h.messenger.latest(slackRef.messageId)?.statusText, 'Live now: Bob Jones');
    assert.equal(h.messenger.updatesOf(slackRef.messageId).length, 5);
    assert.equal(h.messenger.updatesOf(teamsRef.messageId).length, 5);
  });

  it('shows the same meeting in Russian for a Moscow reader and in English for a New York reader', async () => {
    const h = createHarness();
    const { joinUrl, slackRef, teamsRef } = await meetingOnTwoPlatforms(h);
    await h.call({ kind: 'callStarted', joinUrl, at: h.clock.now() });
    const en = h.messenger.latest(slackRef.messageId);
    const ru = h.messenger.latest(teamsRef.messageId);
    assert.equal(en?.timeText, 'Wed, Mar 5, 7:00 – 7:30 AM EST');
    assert.equal(ru?.timeText, 'ср, 5 мар., 15:00–15:30 GMT+3');
    assert.equal(en?.labels.join, 'Join meeting');
    assert.equal(ru?.labels.join, 'Присоединиться');
    assert.equal(ru?.title, 'Standup');
  });

  it('ignores a repeated event without touching the cards', async () => {
    const h = createHarness();
    const { joinUrl } = await meetingOnTwoPlatforms(h);
    const started: CallEvent = { kind: 'callStarted', joinUrl, at: h.clock.now() };
    await h.call(started);
    await h.call(started);
    assert.equal(h.messenger.updates.length, 2);
  });

  it('ignores and logs events for meetings it did not make', async () => {
    const h = createHarness();
    await h.call({ kind: 'callStarted', joinUrl: 'https://teams.microsoft.com/l/meetup-join/other', at: h.clock.now() });
    assert.equal(h.messenger.updates.length, 0);
    assert.equal(h.logger.at('info').length, 1);
    assert.ok(!JSON.stringify(h.logger.entries).includes('meetup-join'), 'the join URL stays out of the logs');
  });

  it('leaves a cancelled meeting cancelled whatever the call does', async () => {
    const h = createHarness();
    const { meetingId, joinUrl } = await meetingOnTwoPlatforms(h);
    await h.click('cancel', meetingId, { as: chat.alice.slack });
    const before = h.messenger.updates.length;
    await h.call({ kind: 'callStarted', joinUrl, at: h.clock.now() });
    assert.equal(h.messenger.updates.length, before);
  });

  it('never throws out of a call event, even when the store fails', async () => {
    const h = createHarness();
    h.store.findMeetingByJoinUrl = async () => {
      throw new Error('database is locked');
    };
    await h.call({ kind: 'callEnded', joinUrl: 'x', at: h.clock.now() });
    assert.equal(h.logger.at('error').length, 1);
  });

  it('applies events that arrive together one after another', async () => {
    const h = createHarness();
    const { meetingId, joinUrl } = await meetingOnTwoPlatforms(h);
    const at = h.clock.now();
    await Promise.all([
      h.call({ kind: 'callStarted', joinUrl, at }),
      h.call({ kind: 'rosterUpdated', joinUrl, at, joined: [alice], left: [] }),
      h.call({ kind: 'rosterUpdated', joinUrl, at, joined: [bob], left: [] }),
    ]);
    const call = (await h.store.getMeeting(meetingId))?.call;
    assert.deepEqual(call?.state === 'live' && call.participants.map((p) => p.id), ['aad-alice', 'aad-bob']);
  });
});
