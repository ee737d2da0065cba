import { strict as assert } from 'node:assert';
import type { MessageRef } from '../../src/types';
import { chat, FakeOutbox } from '../fakes';
import { createHarness } from '../fakes/harness';

const slackIn = (teamId: string) => ({ platform: 'slack' as const, id: 'C024BE91L', tenantId: teamId });
const teamsIn = (tenantId: string) => ({ platform: 'teams' as const, id: '19:general@thread.tacv2', tenantId });

describe('bot: what every command and click passes first', () => {
  describe('once per platform event', () => {
    it('applies a click once when the platform delivers it twice, and shows the clicked card as it is', async () => {
      const h = createHarness();
      const created = await h.invoke('/meet tomorrow 15:00 Review', { as: chat.alice.slack });
      const source = created.refs[0] as MessageRef;
      const reply = created.only();
      const meetingId = reply.kind === 'card' ? reply.card.meetingId : '';
      const first = await h.click('add_me', meetingId, { as: chat.carol.slack, source, key: '1700000000.000100:1700000001.000200' });
      const again = await h.click('add_me', meetingId, { as: chat.carol.slack, source, key: '1700000000.000100:1700000001.000200' });
      assert.equal(first.outbox.sent.length, 1, 'the first click is confirmed');
      assert.deepEqual(again.outbox.sent, [], 'the repeat says nothing');
      assert.deepEqual(again.outcome.updated?.attendees.map((p) => p.displayName), first.outcome.updated?.attendees.map((p) => p.displayName));
      assert.equal(h.meetings.calls.filter((c) => c.method === 'update').length, 1);
    });

    it('does not post a second card for a form submitted twice', async () => {
      const h = createHarness({ now: '2026-03-02T09:00:00Z' });
      const form = { subject: 'Budget', values: { date: '2026-03-03', time: '10:00', durationMinutes: '30' } };
      const outbox = new FakeOutbox(slackIn('T024BE7LD'));
      const send = () =>
        h.bot.handleInvocation(
          { text: '', mentions: [], invoker: chat.alice.slack, conversation: slackIn('T024BE7LD'), receivedAt: h.clock.now(), idempotencyKey: 'V0SCHEDULE1', form },
          outbox,
        );
      await send();
      await send();
      assert.equal(outbox.sent.length, 1);
      assert.equal(h.meetings.meetings.size, 1);
    });
  });

  describe('allow-lists', () => {
    it('refuses a Slack workspace that is not listed, creating nothing, and serves a listed one', async () => {
      const h = createHarness({ config: { allowedTenants: { slack: ['T024BE7LD'] } } });
      const refused = (await h.invoke('/meet now', { as: chat.alice.slack, conversation: slackIn('T0OTHER1') })).only();
      assert.equal(refused.kind === 'error' && refused.code, 'workspace_not_allowed');
      assert.equal(h.meetings.meetings.size, 0);
      const served = (await h.invoke('/meet now', { as: chat.alice.slack, conversation: slackIn('T024BE7LD') })).only();
      assert.equal(served.kind, 'card');
    });

    it('refuses a Teams tenant that is not listed, for commands and for clicks, in the reader language', async () => {
      const h = createHarness({ config: { allowedTenants: { teams: ['72f988bf-86f1-41af-91ab-2d7cd011db47'] } } });
      const other = teamsIn('0d2f0a8e-3a4b-4c5d-8e9f-a0b1c2d3e4f5');
      const refused = (await h.invoke('/meet now', { as: chat.bob.teams, conversation: other, locale: 'ru-RU' })).only();
      assert.equal(refused.kind === 'error' && refused.code, 'tenant_not_allowed');
      assert.match(refused.kind === 'error' ? refused.text : '', /не настроен/);
      const click = (await h.click('cancel', 'any-meeting', { as: chat.bob.teams, conversation: other })).outbox.only();
      assert.equal(click.kind === 'error' && click.code, 'tenant_not_allowed');
    });
  });

  describe('readers', () => {
    it('speaks the language the platform reported when the bot speaks it, else the default', async () => {
      const h = createHarness({ config: { defaultLocale: 'ru' } });
      assert.equal(h.bot.readerOf(undefined, 'teams', { locale: 'en-GB' }).locale, 'en');
      assert.equal(h.bot.readerOf(undefined, 'teams', { locale: 'de-DE' }).locale, 'ru');
      assert.equal(h.bot.readerOf({ platform: 'slack', id: 'U024BE7LH', locale: 'ru_RU' }, 'slack').locale, 'ru');
    });

    it('skips a zone the runtime does not know, for the next one reported or the default', async () => {
      const h = createHarness({ config: { defaultTimeZone: 'Europe/Berlin' } });
      assert.equal(h.bot.readerOf({ platform: 'slack', id: 'U024BE7LH', timeZone: 'Asia/Tokyo' }, 'slack', { timeZone: 'Mars/Olympus' }).timeZone, 'Asia/Tokyo');
      assert.equal(h.bot.readerOf(undefined, 'slack', { timeZone: 'Mars/Olympus' }).timeZone, 'Europe/Berlin');
    });
  });
});
