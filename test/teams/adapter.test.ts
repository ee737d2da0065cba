import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { ActionOutcome, Bot } from '../../src/bot-api';
import { buildJoinCard } from '../../src/cards';
import type { ActionInvocation, Invocation } from '../../src/types';
import type { Outbox } from '../../src/meetings/ports';
import { fixture, PEOPLE, startHarness, type Harness } from './helpers/harness';
import { sampleRecord } from './helpers/core-fakes';
import { stubBot } from '../fakes';

const reader = { locale: 'en' as const, timeZone: 'Europe/Berlin', platform: 'teams' as const };

function fakeBot(): Bot & { handleInvocation: sinon.SinonStub; handleAction: sinon.SinonStub } {
  return stubBot({
    handleInvocation: sinon.stub().callsFake(async (_i: Invocation, outbox: Outbox) => {
      await outbox.send({ kind: 'card', card: buildJoinCard(sampleRecord(), reader), visibility: 'channel' });
    }),
    handleAction: sinon.stub().resolves({}),
    handleCallEvent: sinon.stub().resolves(),
  });
}

describe('Teams adapter (fake core, real HTTP)', () => {
  let h: Harness;
  let bot: ReturnType<typeof fakeBot>;
  beforeEach(async () => {
    bot = fakeBot();
    h = await startHarness(() => bot);
  });
  afterEach(() => h.close());

  it('turns a channel command into an Invocation with resolved mentions, zone, locale and thread', async () => {
    const res = await h.post(fixture('channel-message', h.connector.url));
    assert.equal(res.status, 200);
    sinon.assert.calledOnce(bot.handleInvocation);
    const inv = bot.handleInvocation.firstCall.args[0] as Invocation;
    assert.equal(inv.text, 'now Standup <at>Alice</at> <at>Bob</at>');
    assert.deepEqual(
      inv.mentions.map((m) => [m.token, m.user.id, m.user.aadObjectId, m.user.email, m.user.displayName]),
      [
        ['<at>Alice</at>', PEOPLE.alice.id, PEOPLE.alice.aadObjectId, PEOPLE.alice.email, PEOPLE.alice.name],
        ['<at>Bob</at>', PEOPLE.bob.id, PEOPLE.bob.aadObjectId, PEOPLE.bob.userPrincipalName, PEOPLE.bob.name],
      ],
    );
    assert.equal(inv.invoker.aadObjectId, PEOPLE.carol.aadObjectId);
    assert.equal(inv.timeZone, 'Europe/Berlin');
    assert.equal(inv.locale, 'en-US', 'reported as Teams sent it');
    assert.equal(bot.readerOf(inv.invoker, 'teams', inv).locale, 'en');
    assert.equal(inv.idempotencyKey, '1772442000123');
    assert.equal(inv.conversation.platform, 'teams');
    assert.equal(inv.conversation.id, '19:general@thread.tacv2');
    assert.equal(inv.conversation.threadId, '1772442000123');
    assert.equal(inv.conversation.data?.serviceUrl, h.connector.url);
    assert.equal(inv.conversation.data?.tenantId, 'tenant-1');
  });

  it('shows typing at once, then replies with the card in the same thread', async () => {
    await h.post(fixture('channel-message', h.connector.url));
    const [typing, card] = h.connector.calls;
    assert.equal(typing?.activity.type, 'typing');
    assert.equal(card?.activity.type, 'message');
    assert.equal(card?.conversationId, '19:general@thread.tacv2;messageid=1772442000123');
    assert.equal(card?.activityId, '1772442000123');
    const attachments = card?.activity.attachments as Array<{ contentType: string; content: { version: string } }>;
    assert.equal(attachments[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.equal(attachments[0]?.content.version, '1.5');
  });

  it('starts a reply chain for a top-level channel post whose conversation id has no message id', async () => {
    const activity = fixture('channel-message', h.connector.url);
    activity.conversation = { ...(activity.conversation as object), id: '19:general@thread.tacv2' };
    await h.post(activity);
    assert.equal(h.connector.messages()[0]?.conversationId, '19:general@thread.tacv2;messageid=1772442000123');
  });

  it('needs no mention in personal chat and reads language and zone from clientInfo', async () => {
    await h.post(fixture('personal-message', h.connector.url));
    const inv = bot.handleInvocation.firstCall.args[0] as Invocation;
    assert.equal(inv.text, 'now Design review');
    assert.equal(inv.locale, 'ru-RU', 'reported as Teams sent it');
    assert.equal(bot.readerOf(inv.invoker, 'teams', inv).locale, 'ru');
    assert.equal(inv.timeZone, 'Europe/Moscow');
    assert.equal(inv.conversation.threadId, undefined);
    assert.equal(h.connector.messages()[0]?.conversationId, 'a:1personal-chat-carol');
  });

  it('strips a bot mention Teams split into several entities, and joins a split person mention', async () => {
    await h.post(fixture('group-chat-message', h.connector.url));
    const inv = bot.handleInvocation.firstCall.args[0] as Invocation;
    assert.equal(inv.text, 'tomorrow 15:00 30m Planning <at>Alice Smith</at>');
    assert.deepEqual(inv.mentions.map((m) => [m.token, m.user.id]), [['<at>Alice Smith</at>', PEOPLE.alice.id]]);
    assert.deepEqual(h.connector.lookups, [PEOPLE.alice.id]);
  });

  it('answers a tag mention clearly instead of failing', async () => {
    await h.post(fixture('tag-mention-message', h.connector.url));
    sinon.assert.notCalled(bot.handleInvocation);
    const reply = h.connector.messages()[0]?.activity.text as string;
    assert.match(reply, /can't invite Designers: tags, channels and teams/);
  });

  it('explains a failed member look-up instead of failing', async () => {
    h.connector.failLookups = 403;
    await h.post(fixture('channel-message', h.connector.url));
    sinon.assert.notCalled(bot.handleInvocation);
    assert.match(h.connector.messages()[0]?.activity.text as string, /couldn't reach the chat service just now/);
  });

  it('replaces the card in place when an Action.Execute click updates it', async () => {
    const updated = buildJoinCard(sampleRecord({ status: 'cancelled' }), reader);
    bot.handleAction.resolves({ updated } satisfies ActionOutcome);
    const res = await h.post(fixture('invoke-action', h.connector.url));
    assert.equal(res.status, 200);
    const body = res.body as { statusCode: number; type: string; value: { type: string; body: unknown[] } };
    assert.equal(body.statusCode, 200);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal(body.value.type, 'AdaptiveCard');
    const action = bot.handleAction.firstCall.args[0] as ActionInvocation;
    assert.equal(action.action, 'cancel');
    assert.equal(action.meetingId, 'MEETING_ID');
    assert.equal(action.actor.aadObjectId, PEOPLE.carol.aadObjectId);
    assert.equal(action.source?.messageId, 'msg-2');
    assert.equal(action.timeZone, 'Europe/Berlin');
  });

  it('answers a refused Action.Execute click with the polite text as a message', async () => {
    bot.handleAction.callsFake(async (_a: ActionInvocation, outbox: Outbox) => {
      await outbox.send({ kind: 'error', code: 'not_organizer', text: 'Only the organizer, Carol Organizer, can cancel this meeting.', visibility: 'ephemeral' });
      return {};
    });
    const res = await h.post(fixture('invoke-action', h.connector.url));
    assert.deepEqual(res.body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Only the organizer, Carol Organizer, can cancel this meeting.' });
    assert.equal(h.connector.messages().length, 0);
  });

  for (const verb of ['cancel', 'reschedule', 'add_me'] as const) {
    it(`passes the ${verb} button and its form values to the core`, async () => {
      const activity = fixture('invoke-action', h.connector.url);
      const data = { meetingId: 'M1', date: '2026-03-03', time: '16:30:00', durationMinutes: '45' };
      activity.value = { action: { type: 'Action.Execute', verb: `meetbot.${verb}`, data }, trigger: 'manual' };
      await h.post(activity);
      const action = bot.handleAction.firstCall.args[0] as ActionInvocation;
      assert.equal(action.action, verb);
      // As Teams sent them; the core reads them (the seconds of `16:30:00` are ignored there).
      assert.deepEqual(action.values, { date: '2026-03-03', time: '16:30:00', durationMinutes: '45' });
    });
  }

  it('handles the Action.Submit fallback: runs the action and updates the clicked card', async () => {
    const updated = buildJoinCard(sampleRecord(), reader);
    bot.handleAction.callsFake(async (_a: ActionInvocation, outbox: Outbox) => {
      await outbox.send({ kind: 'text', text: 'Dave Other was added to the meeting.', visibility: 'ephemeral' });
      return { updated };
    });
    await h.post(fixture('submit-action', h.connector.url));
    const action = bot.handleAction.firstCall.args[0] as ActionInvocation;
    assert.equal(action.action, 'add_me');
    const put = h.connector.calls.find((c) => c.method === 'PUT');
    assert.equal(put?.activityId, 'msg-2');
    assert.equal(put?.conversationId, '19:general@thread.tacv2;messageid=1772442000123');
    assert.equal(h.connector.messages().filter((c) => c.method === 'POST')[0]?.activity.text, 'Dave Other was added to the meeting.');
  });

  it('confirms in the card thread with a link to the card', async () => {
    bot.handleAction.callsFake(async (a: ActionInvocation, outbox: Outbox) => {
      await outbox.send({ kind: 'text', text: 'Dave Other was added to "R&D <sync>".', visibility: 'ephemeral', ...(a.source ? { about: { card: a.source, label: 'Open the meeting card' } } : {}) });
      return {};
    });
    await h.post(fixture('submit-action', h.connector.url));
    const post = h.connector.messages().find((c) => c.method === 'POST');
    assert.equal(post?.conversationId, '19:general@thread.tacv2;messageid=1772442000123', 'the reply goes to the card thread');
    assert.equal(
      post?.activity.text,
      'Dave Other was added to "R&amp;D &lt;sync&gt;".\n\n[Open the meeting card](https://teams.microsoft.com/l/message/19%3Ageneral%40thread.tacv2/msg-2)',
    );
  });

  it('answers invokes it does not handle with 501 and ignores other activity types', async () => {
    const invoke = fixture('invoke-action', h.connector.url, { name: 'composeExtension/query' });
    assert.equal((await h.post(invoke)).status, 501);
    const update = fixture('personal-message', h.connector.url, { type: 'conversationUpdate', text: undefined });
    assert.equal((await h.post(update)).status, 200);
    sinon.assert.notCalled(bot.handleInvocation);
  });

  it('rejects a body that is not an activity with 400', async () => {
    const res = await fetch(h.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    assert.equal(res.status, 400);
  });

  it('updates a posted card later through the messenger (PUT to the stored conversation)', async () => {
    await h.post(fixture('channel-message', h.connector.url));
    const inv = bot.handleInvocation.firstCall.args[0] as Invocation;
    const view = buildJoinCard(sampleRecord({ status: 'cancelled' }), reader);
    await h.adapter.messenger.update({ meetingId: 'M1', ref: { conversation: inv.conversation, messageId: 'msg-2' }, locale: 'en', timeZone: 'UTC' }, view);
    const put = h.connector.calls.find((c) => c.method === 'PUT');
    assert.equal(put?.conversationId, '19:general@thread.tacv2;messageid=1772442000123');
    assert.equal(put?.activityId, 'msg-2');
    assert.equal(put?.authorization, undefined);
  });
});
