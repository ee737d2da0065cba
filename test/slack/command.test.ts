import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Bot } from '../../src/bot-api';
import { BotError } from '../../src/errors';
import { errorMessage, t } from '../../src/i18n';
import type { Outbox } from '../../src/meetings/ports';
import type { Invocation } from '../../src/types';
import { stubBot } from '../fakes';
import { eventually, slashCommand, startHarness, type Harness } from './harness';

describe('slack adapter: /meet slash command', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.close());

  it('acks a signed /meet now with 200, then posts the join card into the channel', async () => {
    const res = await h.command(slashCommand(h, { text: 'now Standup <@UBOB> <@UCAROL|carol>' }));
    assert.equal(res.status, 200);
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    assert.equal(post.args.channel, 'C2147483705');
    const blocks = post.args.blocks as Record<string, unknown>[];
    const json = JSON.stringify(blocks);
    assert.match(json, /"url":"https:\/\/teams\.microsoft\.com\/l\/meetup-join\//, 'join URL button');
    assert.match(json, /<@UBOB>/);
    assert.match(json, /<@UCAROL>/);
    assert.match(json, /Standup/);
    assert.equal(h.meetings.count('createOrGet'), 1);
    // The core recorded the card with the ts Slack returned, so later changes can update it.
    assert.equal(h.store.cards.length, 1);
    assert.equal(h.store.cards[0]?.ref.conversation.id, 'C2147483705');
    assert.match(h.store.cards[0]?.ref.messageId ?? '', /^\d+\.\d+$/);
  });
});

describe('slack adapter: /meet answers in every case', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  function gatedBot() {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const bot: Bot = stubBot({
      handleInvocation: sinon.stub().callsFake(async (_inv: Invocation, outbox: Outbox) => {
        await gate;
        await outbox.send({ kind: 'text', text: 'done', visibility: 'ephemeral' });
      }),
    });
    return { bot, open };
  }

  it('acks before any users.info or meeting work has finished', async () => {
    const { bot, open } = gatedBot();
    h = await startHarness({ bot });
    let slackAnswers: () => void = () => undefined;
    h.slack.usersInfoGate = new Promise<void>((resolve) => (slackAnswers = resolve));
    const res = await h.command(slashCommand(h));
    assert.equal(res.status, 200);
    assert.equal(h.slack.hooks.length, 0, 'nothing answered yet: the work is still waiting');
    assert.equal((bot.handleInvocation as sinon.SinonStub).callCount, 0, 'users.info has not answered yet');
    slackAnswers();
    open();
    await eventually(() => h?.slack.hooks[0]);
    const invocation = (bot.handleInvocation as sinon.SinonStub).firstCall.args[0] as Invocation;
    assert.equal(invocation.idempotencyKey, '13345224609.738474920.8088930838d88f008e0');
    assert.equal(invocation.text, 'now Standup <@UBOB> <@UCAROL|carol>');
    assert.deepEqual(invocation.mentions.map((m) => [m.token, m.user.email, m.user.timeZone, m.user.locale]), [
      ['<@UBOB>', 'bob@contoso.com', 'Europe/Moscow', 'ru-RU'],
      ['<@UCAROL|carol>', 'carol@contoso.com', 'Europe/London', 'en-GB'],
    ]);
    assert.equal(invocation.timeZone, 'America/New_York');
    assert.equal(invocation.invoker.displayName, 'Alice Smith');
    assert.deepEqual(invocation.conversation, { platform: 'slack', id: 'C2147483705', tenantId: 'T0001', data: { teamId: 'T0001' } });
  });

  it('unescapes Slack entities and hands e-mail links to the parser as the address', async () => {
    const { bot, open } = gatedBot();
    open();
    h = await startHarness({ bot });
    await h.command(slashCommand(h, { text: 'tomorrow 15:00 R&amp;D &lt;core&gt; <mailto:dave@contoso.com|dave@contoso.com> <#C123|general>' }));
    await eventually(() => h?.slack.hooks[0]);
    const invocation = (bot.handleInvocation as sinon.SinonStub).firstCall.args[0] as Invocation;
    assert.equal(invocation.text, 'tomorrow 15:00 R&D <core> dave@contoso.com #general');
  });

  it('posts the card through response_url when the bot is not in the channel', async () => {
    h = await startHarness();
    h.slack.notIn.add('C2147483705');
    await h.command(slashCommand(h));
    const hook = await eventually(() => h?.slack.hooks[0]);
    await h.adapter.idle();
    assert.equal(hook.path, '/hooks/commands/T0001/1234/5678');
    assert.equal(hook.body.response_type, 'in_channel');
    assert.match(JSON.stringify(hook.body.blocks), /meetup-join/);
    assert.equal(h.store.cards.length, 0, 'a response_url post has no ts to update later');
  });

  it('explains a command it cannot read, only to the person who typed it', async () => {
    h = await startHarness();
    await h.command(slashCommand(h, { text: 'tomorrow at 99:99 for ever' }));
    const hook = await eventually(() => h?.slack.hooks[0]);
    await h.adapter.idle();
    assert.equal(hook.body.response_type, 'ephemeral');
    assert.ok(String(hook.body.text).length > 10);
    assert.equal(h.slack.of('chat.postMessage').length, 0);
  });

  it('speaks the invoker’s language (Russian from users.info locale)', async () => {
    h = await startHarness();
    await h.command(slashCommand(h, { user_id: 'UBOB', text: 'сейчас Планёрка' }));
    const post = await eventually(() => h?.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    assert.match(JSON.stringify(post.args.blocks), /Присоединиться|Участники|Организатор/);
  });

  it('ends in an ephemeral explanation when the core throws', async () => {
    const bot: Bot = stubBot({ handleInvocation: sinon.stub().rejects(new Error('boom')) });
    h = await startHarness({ bot });
    await h.command(slashCommand(h));
    const hook = await eventually(() => h?.slack.hooks[0]);
    assert.equal(hook.body.response_type, 'ephemeral');
    assert.equal(hook.body.text, errorMessage('en', 'internal'));
  });

  it('ends in an ephemeral explanation when Teams never answers', async () => {
    const bot: Bot = stubBot({ handleInvocation: () => new Promise<void>(() => undefined) });
    h = await startHarness({ bot, adapter: { patience: { slowMs: 1, deadlineMs: 20 } } });
    await h.command(slashCommand(h));
    await eventually(() => h?.slack.hooks.find((x) => x.body.text === errorMessage('en', 'graph_timeout')));
    assert.ok(h.slack.hooks.some((x) => x.body.text === t('en', 'reply.working')), 'told it is slow first');
    assert.ok(h.slack.hooks.every((x) => x.body.response_type === 'ephemeral'));
  });

  it('answers once when the work finishes after its timeout was explained: the late reply is not posted', async () => {
    const late = sinon.spy();
    const bot: Bot = stubBot({
      handleInvocation: async (_invocation, outbox) => {
        await new Promise((r) => setTimeout(r, 80));
        await outbox.send({ kind: 'text', text: 'Standup is ready', visibility: 'channel' }).then(late, () => undefined);
      },
    });
    h = await startHarness({ bot, adapter: { patience: { slowMs: 1_000, deadlineMs: 20 } } });
    await h.command(slashCommand(h));
    await eventually(() => h?.slack.hooks.find((x) => x.body.text === errorMessage('en', 'graph_timeout')));
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(late.callCount, 0, 'the late reply was refused');
    assert.equal(h.slack.of('chat.postMessage').length, 0);
    assert.deepEqual(h.slack.hooks.map((x) => x.body.text), [errorMessage('en', 'graph_timeout')]);
  });

  it('ends in an ephemeral explanation when Graph fails', async () => {
    h = await startHarness();
    h.meetings.failNext('createOrGet', new BotError('graph_unavailable'));
    await h.command(slashCommand(h));
    const hook = await eventually(() => h?.slack.hooks[0]);
    await h.adapter.idle();
    assert.equal(hook.body.response_type, 'ephemeral');
    assert.equal(hook.body.text, errorMessage('en', 'graph_unavailable'));
  });

  it('posts one card when Slack delivers the same /meet (same trigger_id) twice', async () => {
    h = await startHarness();
    const fields = slashCommand(h, { text: 'now Standup' });
    await h.command(fields);
    await eventually(() => h?.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    await h.command(fields);
    await h.adapter.idle();
    assert.equal(h.slack.of('chat.postMessage').length, 1);
    assert.equal(h.meetings.meetings.size, 1);
    assert.equal(h.slack.hooks.length, 0, 'and no second answer of any kind');
  });

  it('politely refuses a workspace that is not allowed, and does nothing else', async () => {
    h = await startHarness({ allowedTeamIds: ['T0002'] });
    assert.equal((await h.command(slashCommand(h))).status, 200);
    const hook = await eventually(() => h?.slack.hooks[0]);
    await h.adapter.idle();
    assert.equal(hook.body.response_type, 'ephemeral');
    assert.equal(hook.body.text, errorMessage('en', 'workspace_not_allowed'));
    assert.deepEqual(h.slack.calls.map((c) => c.method).filter((m) => m !== 'auth.test'), []);
    assert.equal(h.meetings.calls.length, 0);
  });
});
