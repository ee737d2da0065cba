import { strict as assert } from 'node:assert';
import { createUserLookup } from '../../adapters/slack/users';
import { errorMessage } from '../../src/i18n';
import { FakeLogger } from '../fakes';
import { sampleCard } from './card';
import { eventually, fixture, slashCommand, startHarness, type Harness } from './harness';

describe('slack adapter: workspaces, later updates, user look-ups', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  it('refuses a mention from a workspace that is not allowed, ephemerally and without look-ups', async () => {
    h = await startHarness({ allowedTeamIds: ['T0002'] });
    await h.event(fixture('app-mention.json'));
    const eph = await eventually(() => h?.slack.of('chat.postEphemeral')[0]);
    await h.adapter.idle();
    assert.equal(eph.args.user, 'UALICE');
    assert.equal(eph.args.text, errorMessage('en', 'workspace_not_allowed'));
    assert.equal(h.slack.of('users.info').length, 0);
    assert.equal(h.meetings.calls.length, 0);
  });

  it('updates a card it posted earlier through the messenger (chat.update on its channel and ts)', async () => {
    h = await startHarness();
    await h.command(slashCommand(h));
    await eventually(() => h?.store.cards[0]);
    await h.adapter.idle();
    const posted = h.store.cards[0];
    assert.ok(posted);
    await h.adapter.messenger.update(posted, sampleCard({ statusText: 'Live now: Bob Jones' }));
    const update = h.slack.of('chat.update')[0];
    assert.equal(update?.args.channel, posted.ref.conversation.id);
    assert.equal(update?.args.ts, posted.ref.messageId);
    assert.match(JSON.stringify(update?.args.blocks), /Live now: Bob Jones/);
  });

  it('caches users.info per user for its TTL and retries after a failure', async () => {
    let now = 0;
    let calls = 0;
    let fail = true;
    const lookup = createUserLookup({
      call: async () => {
        calls += 1;
        if (fail) throw new Error('ratelimited');
        return { ok: true, user: { id: 'U1', real_name: 'Ann', tz: 'Asia/Tokyo', locale: 'ru-RU', profile: { email: 'ann@x.com' } } };
      },
      logger: new FakeLogger(),
      ttlMs: 1000,
      now: () => now,
    });
    assert.deepEqual(await lookup('T', 'U1'), { platform: 'slack', id: 'U1' }, 'a failed look-up is a bare ref');
    fail = false;
    // Language and zone as Slack reports them; the core decides what it answers in.
    const ann = { platform: 'slack', id: 'U1', displayName: 'Ann', email: 'ann@x.com', timeZone: 'Asia/Tokyo', locale: 'ru-RU' };
    assert.deepEqual(await lookup('T', 'U1'), ann);
    assert.deepEqual(await lookup('T', 'U1'), ann);
    assert.equal(calls, 2);
    now = 1001;
    await lookup('T', 'U1');
    assert.equal(calls, 3);
  });
});

describe('slack adapter: modals that cannot open', () => {
  it('tells the person when the schedule form cannot open (expired trigger)', async () => {
    const h = await startHarness();
    try {
      h.slack.failing.set('views.open', 'expired_trigger_id');
      await h.command(slashCommand(h, { text: 'schedule' }));
      const hook = await eventually(() => h.slack.hooks[0]);
      assert.equal(hook.body.response_type, 'ephemeral');
      assert.equal(hook.body.text, errorMessage('en', 'internal'));
    } finally {
      await h.close();
    }
  });
});
