import { strict as assert } from 'node:assert';
import { parseSlackText } from '../../adapters/slack/text';
import { commandToJson, parseCommand } from '../../src/bot-api';
import { slackPhrasings } from '../fixtures/phrasings';

describe('slack text: parseSlackText', () => {
  it('keeps user mentions as their literal tokens, once each, in order', () => {
    const r = parseSlackText('now <@U1> <@W2|bob> <@U1>');
    assert.equal(r.text, 'now <@U1> <@W2|bob> <@U1>');
    assert.deepEqual(r.mentions, [{ token: '<@U1>', userId: 'U1' }, { token: '<@W2|bob>', userId: 'W2' }]);
  });

  it('strips the bot’s own mention', () => {
    const r = parseSlackText('<@UBOT> now <@U1>', 'UBOT');
    assert.equal(r.text, 'now <@U1>');
    assert.deepEqual(r.mentions.map((m) => m.userId), ['U1']);
  });

  it('reports @channel, @here, @everyone as the words typed and sets user groups aside', () => {
    const r = parseSlackText('now <!channel> <!here> <!everyone> <!subteam^S123|@design>');
    assert.deepEqual(r.broadcasts, ['@channel', '@here', '@everyone', '@design']);
    assert.equal(r.text, 'now @channel @here @everyone');
  });

  it('undoes Slack escaping outside tokens, reduces e-mail links to the address, URLs to the URL and channels to names', () => {
    const r = parseSlackText('R&amp;D &lt;x&gt; <mailto:a@b.com|a@b.com> <https://example.com/a?b=1&amp;c=2|example> <#C1|general> <#C2>');
    assert.equal(r.text, 'R&D <x> a@b.com https://example.com/a?b=1&c=2 #general #C2');
  });
});

describe('slack text: what the core understands of Slack markup', () => {
  for (const { text, reader, expect } of slackPhrasings) {
    it(`reads ${JSON.stringify(text)} as the core's command`, () => {
      const slack = parseSlackText(text);
      const result = parseCommand(slack.text, {
        now: new Date(reader.now),
        timeZone: reader.timeZone,
        locale: reader.locale ?? 'en',
        defaultDurationMinutes: 30,
        mentions: slack.mentions.map((m) => ({ token: m.token, name: m.userId })),
      });
      assert.ok(result.ok && expect.ok, `expected a command, got ${result.ok ? '' : result.code}`);
      assert.deepEqual(commandToJson(result.value), expect.command);
    });
  }
});
