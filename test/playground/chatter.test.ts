// The chatter rule in the playground's direct chat and channel mentions, over its real HTTP API.
import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from '../server/start';

interface Msg {
  author: { kind: string };
  text?: string;
  card?: { meetingId: string };
  suggestions?: { label: string; text: string }[];
}

async function say(t: TestServer, as: string, conversation: string, text: string): Promise<Msg[]> {
  const res = await fetch(`${t.url}/playground/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, conversation, text }) });
  return ((await res.json()) as { messages: Msg[] }).messages;
}

describe('playground: chatter is not a command', function () {
  this.timeout(30_000);
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.stop());

  it('answers "hello" in the direct chat with help and no meeting', async () => {
    const messages = await say(t, 'bob', 'dm-bob', 'hello');
    assert.deepEqual(messages.map((m) => m.author.kind), ['user', 'bot']);
    assert.equal(messages[1]?.card, undefined);
    assert.match(messages[1]?.text ?? '', /I set up Teams meetings/);
    assert.deepEqual(messages[1]?.suggestions, [{ label: 'Start a meeting now', text: '/meet now' }]);
  });

  it('offers the readings of an unclear phrase, and the one the page sends back makes the meeting', async () => {
    const asked = await say(t, 'alice', 'general', '/meet fridy 3pm Retro');
    assert.equal(asked.filter((m) => m.card).length, 0);
    const offered = asked[1]?.suggestions ?? [];
    assert.equal(offered[0]?.text, '/meet friday 3pm Retro');
    const made = await say(t, 'alice', 'general', offered[0]?.text ?? '');
    assert.equal(made.filter((m) => m.card).length, 1);
  });

  it('answers "@meetbot thanks!" in a channel with help and no meeting', async () => {
    const messages = await say(t, 'alice', 'general', '@meetbot thanks!');
    assert.equal(messages.filter((m) => m.card).length, 0);
    assert.match(messages[1]?.text ?? '', /`\/meet now @alice`/);
  });

  it('still starts a meeting for "/meet Design review" and for "meet now" in the direct chat', async () => {
    assert.equal((await say(t, 'alice', 'general', '/meet Design review')).filter((m) => m.card).length, 1);
    assert.equal((await say(t, 'bob', 'dm-bob', 'meet now')).filter((m) => m.card).length, 1);
  });
});
