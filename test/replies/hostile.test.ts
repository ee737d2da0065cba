// Hostile subjects through every reply kind: what Slack and Teams receive from their adapters is exactly what the
// playground shows in its Slack and Teams panes, and neither lets user words become markup.
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import sinon from 'sinon';
import { DEFAULT_DIRECTORY } from '../../adapters/graph/local/directory';
import { createPlayground } from '../../adapters/playground';
import { renderBoth } from '../../adapters/playground/render';
import { t } from '../../src/i18n';
import type { Outbox } from '../../src/meetings/ports';
import type { Reply } from '../../src/types';
import { FakeLogger, stubBot } from '../fakes';
import { eventually, slashCommand, startHarness as startSlack } from '../slack/harness';
import { fixture, startHarness as startTeams } from '../teams/helpers/harness';

const HOSTILE = 'Launch <script>x</script> <!channel> R&D party';
const DRAFT = "Bob's 1:1 <draft>";

/** One reply of each kind the core sends, each carrying user words (as the core's own templates do). */
const REPLIES: readonly Reply[] = [
  { kind: 'text', text: t('en', 'reply.cancelled', { subject: HOSTILE }), visibility: 'channel' },
  { kind: 'text', text: `${t('en', 'reply.list.header')}\n${t('en', 'reply.list.item', { title: DRAFT, time: 'Tue, Dec 1, 3:00 – 3:30 PM PST', id: '364567890' })}`, visibility: 'ephemeral' },
  { kind: 'text', text: t('en', 'help.text'), visibility: 'ephemeral' },
  { kind: 'error', code: 'unknown_command', text: t('en', 'error.unknown_command', { word: '<@U024BE7LH> & <b>' }), visibility: 'ephemeral' },
];

const answering = () =>
  stubBot({
    handleInvocation: sinon.stub().callsFake(async (_invocation: unknown, outbox: Outbox) => {
      for (const reply of REPLIES) await outbox.send(reply);
    }),
  });

async function playgroundTexts(): Promise<Array<{ teams: string; slack: string }>> {
  const playground = createPlayground({ bot: answering(), users: DEFAULT_DIRECTORY, render: renderBoth, clock: { now: () => new Date() }, logger: new FakeLogger() });
  const app = express();
  app.use(playground.router);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/playground/api/messages`;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'alice', conversation: 'general', text: '/meet help' }) });
    const json = (await res.json()) as { messages: Array<{ author: { kind: string }; rendered?: { teams: string; slack: string } }> };
    return json.messages.filter((m) => m.author.kind === 'bot').map((m) => m.rendered ?? { teams: '', slack: '' });
  } finally {
    playground.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('hostile words in every reply kind, on Slack, Teams and the playground', function () {
  this.timeout(20_000);
  let shown: Array<{ teams: string; slack: string }>;
  before(async () => {
    shown = await playgroundTexts();
    assert.equal(shown.length, REPLIES.length, 'the playground shows every reply');
  });

  it('sends Slack escaped text for each reply, and the playground Slack pane shows that very text', async () => {
    const h = await startSlack({ bot: answering() });
    try {
      await h.command(slashCommand(h, { text: 'help' }));
      await eventually(() => h.slack.of('chat.postMessage').length + h.slack.hooks.length >= REPLIES.length);
      await h.adapter.idle();
      const channel = h.slack.of('chat.postMessage').map((c) => String(c.args.text));
      const privately = h.slack.hooks.map((hook) => String(hook.body.text));
      assert.deepEqual([...channel, ...privately], shown.map((s) => s.slack));
      for (const text of [...channel, ...privately]) {
        assert.doesNotMatch(text, /<(?!https?:)/, 'no Slack token comes from user words');
      }
      assert.ok(channel[0]?.includes('&lt;script&gt;x&lt;/script&gt; &lt;!channel&gt; R&amp;D'));
      assert.ok(privately[1]?.includes('`/meet cancel &lt;id&gt;`'), 'help keeps <id> as text');
    } finally {
      await h.close();
    }
  });

  it('sends Teams text whose words survive as typed, and the playground Teams pane shows that very text', async () => {
    const h = await startTeams(() => answering());
    try {
      await h.post(fixture('personal-message', h.connector.url, { text: 'help' }));
      const sent = h.connector.messages().map((c) => String(c.activity.text));
      assert.deepEqual(sent, shown.map((s) => s.teams));
      assert.ok(sent[0]?.includes('&lt;script&gt;x&lt;/script&gt; &lt;!channel&gt; R&amp;D party'));
      assert.ok(sent[1]?.includes("Bob's 1:1 &lt;draft&gt;"));
      for (const text of sent) assert.doesNotMatch(text, /<(?!\/?at>)/, 'no HTML comes from user words');
    } finally {
      await h.close();
    }
  });
});
