import { strict as assert } from 'node:assert';
import { inMemoryWork } from '../../adapters/jobs/durable';
import sinon from 'sinon';
import { TestAdapter, type Activity } from 'botbuilder';
import type { Bot } from '../../src/bot-api';
import { MeetbotTeamsHandler } from '../../adapters/teams/handler';
import type { MemberLookup } from '../../adapters/teams/members';
import { FakeLogger, stubBot } from '../fakes';
import { createHarness } from '../fakes/harness';
import { PEOPLE } from './helpers/harness';

function setup(allowedTenantIds: readonly string[], core?: Bot) {
  const config = { allowedTenants: { teams: allowedTenantIds } };
  const bot = stubBot({ handleInvocation: sinon.stub().resolves(), handleAction: sinon.stub().resolves({}), handleCallEvent: sinon.stub().resolves() }, config);
  const lookup: MemberLookup = async (_ctx, id) => {
    const person = Object.values(PEOPLE).find((p) => p.id === id);
    if (!person) throw Object.assign(new Error('The member could not be found in the conversation.'), { statusCode: 404, code: 'MemberNotFoundInConversation' });
    return person;
  };
  const logger = new FakeLogger();
  const handler = new MeetbotTeamsHandler({ bot: core ?? bot, logger, clock: { now: () => new Date('2026-03-02T09:00:00Z') }, lookup, work: inMemoryWork(logger) });
  const adapter = new TestAdapter((ctx) => handler.run(ctx), {
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    recipient: { id: '28:bot-app-id', name: 'meetbot' },
    from: { id: PEOPLE.carol.id, name: PEOPLE.carol.name, aadObjectId: PEOPLE.carol.aadObjectId },
    conversation: { id: 'a:1personal', conversationType: 'personal', tenantId: 'tenant-1', isGroup: false, name: '' },
  } as Partial<Activity>);
  return { bot, adapter };
}

function message(text: string, tenant = 'tenant-1', locale = 'en-US'): Partial<Activity> {
  return { type: 'message', text, locale, channelData: { tenant: { id: tenant } } };
}

describe('Teams activity handler (TestAdapter)', () => {
  it('refuses a tenant that is not in MICROSOFT_ALLOWED_TENANT_IDS, politely and in the reader language', async () => {
    // The core decides: a real bot over fakes, which must neither look anyone up nor create anything.
    const core = createHarness({ config: { allowedTenants: { teams: ['tenant-2'] } } });
    const lookups = sinon.spy(core.directory, 'lookup');
    const { adapter } = setup(['tenant-2'], core.bot);
    await adapter
      .send(message('now', 'tenant-1', 'ru-RU'))
      .assertReply((reply) => assert.match(reply.text ?? '', /не настроен для вашей организации/));
    assert.equal(core.meetings.calls.length, 0);
    sinon.assert.notCalled(lookups);
  });

  it('serves an allowed tenant', async () => {
    const { bot, adapter } = setup(['tenant-1']);
    await adapter.send(message('now')).assertReply((reply) => assert.equal(reply.type, 'typing'));
    sinon.assert.calledOnce(bot.handleInvocation);
  });

  it('serves every tenant when the allow-list is empty', async () => {
    const { bot, adapter } = setup([]);
    await adapter.send(message('help', 'any-tenant')).assertReply((reply) => assert.equal(reply.type, 'typing'));
    sinon.assert.calledOnce(bot.handleInvocation);
  });

  it('answers a mention of someone who is not a conversation member with a clear message', async () => {
    const { bot, adapter } = setup([]);
    const text = 'now <at>Ghost</at>';
    const entities = [{ type: 'mention', text: '<at>Ghost</at>', mentioned: { id: '29:1ghost', name: 'Ghost' } }];
    await adapter
      .send({ ...message(text), entities })
      .assertReply((reply) => assert.equal(reply.type, 'typing'))
      .assertReply((reply) => assert.match(reply.text ?? '', /can't invite Ghost/));
    sinon.assert.notCalled(bot.handleInvocation);
  });

  it('answers with the friendly internal message when the core throws unexpectedly', async () => {
    const { bot, adapter } = setup([]);
    bot.handleInvocation.rejects(new Error('boom'));
    await adapter
      .send(message('now'))
      .assertReply((reply) => assert.equal(reply.type, 'typing'))
      .assertReply((reply) => assert.match(reply.text ?? '', /Something went wrong on my side/));
  });
});
