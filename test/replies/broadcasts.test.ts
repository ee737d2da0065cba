// Broadcasts invite nobody and refuse nothing: `@here` next to people is dropped, a quoted `@channel` stays in the subject.
import { strict as assert } from 'node:assert';
import { eventually, slashCommand, startHarness, type Harness } from '../slack/harness';
import { startTestServer, type TestServer } from '../server/start';

type Block = { type: string; text?: { text: string } };

describe('broadcasts in /meet', function () {
  this.timeout(20_000);

  describe('in Slack', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
    });
    afterEach(async () => h.close());

    it('creates the meeting for the people named and invites no @here', async () => {
      await h.command(slashCommand(h, { text: 'now Sync <!here> <@UBOB>' }));
      const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
      await h.adapter.idle();
      const meeting = [...h.meetings.meetings.values()][0];
      assert.equal(meeting?.subject, 'Sync');
      assert.deepEqual(meeting?.attendees.map((a) => a.displayName), ['Bob Jones']);
      assert.match(JSON.stringify(post.args.blocks), /<@UBOB>/);
      assert.equal(h.slack.hooks.length, 0, 'no refusal was sent');
    });

    it('keeps a quoted <!channel> in the subject as the words typed, pinging and inviting nobody', async () => {
      await h.command(slashCommand(h, { text: 'now "Launch <!channel> party"' }));
      const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
      await h.adapter.idle();
      const meeting = [...h.meetings.meetings.values()][0];
      assert.equal(meeting?.subject, 'Launch @channel party');
      assert.deepEqual(meeting?.attendees, []);
      const header = (post.args.blocks as Block[])[0];
      assert.equal(header?.text?.text, 'Launch @channel party');
      assert.doesNotMatch(JSON.stringify(post.args), /<!channel>/);
    });
  });

  describe('in the playground', () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer();
    });
    after(() => t.stop());

    it('creates the meeting with Bob when @here is typed beside him', async () => {
      const res = await fetch(`${t.url}/playground/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as: 'alice', conversation: 'general', text: '/meet now Sync @here @bob' }),
      });
      const json = (await res.json()) as { messages: Array<{ errorCode?: string; card?: { fallbackText: string } }> };
      const card = json.messages.find((m) => m.card)?.card;
      assert.ok(card, JSON.stringify(json.messages));
      assert.match(card.fallbackText, /^Sync$/m);
      assert.match(card.fallbackText, /Attendees: Bob Smith$/m);
      assert.ok(!json.messages.some((m) => m.errorCode));
    });
  });
});
