// The playground's HTTP API over a real server: who may say what, what meetbot answers, and live updates.
import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from '../server/start';
import { readMessage } from '../../adapters/playground/message';
import { peopleFrom } from '../../adapters/playground/people';
import { DEFAULT_DIRECTORY } from '../../adapters/graph/local/directory';

interface Msg {
  id: string;
  author: { kind: string };
  text?: string;
  errorCode?: string;
  visibleTo?: string;
  card?: { meetingId: string; teams: { type: string }; slack: { text: string; blocks: Array<{ type: string }> } };
}

async function post(url: string, body: unknown): Promise<{ status: number; json: { messages: Msg[]; updated?: Msg; error?: string } }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as { messages: Msg[]; updated?: Msg; error?: string } };
}

/** Reads server-sent events until `count` events arrived. */
async function events(url: string, count: number, started: () => Promise<void>): Promise<Array<{ event: string; data: Msg }>> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = res.body!.getReader();
  const seen: Array<{ event: string; data: Msg }> = [];
  let buffer = '';
  const first = reader.read();
  await started();
  let chunk = await first;
  while (!chunk.done) {
    buffer += Buffer.from(chunk.value).toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1];
      if (event && data) seen.push({ event, data: JSON.parse(data) as Msg });
    }
    if (seen.length >= count) break;
    chunk = await reader.read();
  }
  controller.abort();
  return seen;
}

describe('playground API', function () {
  this.timeout(30_000);
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.stop());

  it('answers /meet with one card carrying both the Adaptive Card and the Block Kit message', async () => {
    const { status, json } = await post(`${t.url}/playground/api/messages`, { as: 'alice', conversation: 'general', text: '/meet now Kickoff @bob' });
    assert.equal(status, 200);
    const card = json.messages.find((m) => m.card)?.card;
    assert.equal(card?.teams.type, 'AdaptiveCard');
    assert.equal(card?.slack.blocks[0]?.type, 'header');
    assert.match(card?.slack.text ?? '', /Kickoff/);
  });

  it('shows a parse error only to the person who typed it', async () => {
    const { json } = await post(`${t.url}/playground/api/messages`, { as: 'alice', conversation: 'design-review', text: '/meet 25:99 Retro' });
    const error = json.messages.find((m) => m.errorCode);
    assert.equal(error?.visibleTo, 'alice');
    assert.ok(error?.text && !/at .*\.ts/.test(error.text), 'a friendly sentence, not a stack');
    const bobSees = (await (await fetch(`${t.url}/playground/api/messages?as=bob&conversation=design-review`)).json()) as { messages: Msg[] };
    assert.equal(bobSees.messages.filter((m) => m.errorCode).length, 0);
  });

  it('leaves ordinary channel chatter alone but answers everything in the direct chat', async () => {
    const chatter = await post(`${t.url}/playground/api/messages`, { as: 'bob', conversation: 'general', text: 'lunch anyone?' });
    assert.deepEqual(chatter.json.messages.map((m) => m.author.kind), ['user']);
    const direct = await post(`${t.url}/playground/api/messages`, { as: 'bob', conversation: 'dm-bob', text: 'help' });
    assert.deepEqual(direct.json.messages.map((m) => m.author.kind), ['user', 'bot']);
  });

  it('refuses unknown people and other people\'s direct chats with a clear message', async () => {
    const nobody = await post(`${t.url}/playground/api/messages`, { as: 'mallory', conversation: 'general', text: '/meet now' });
    assert.deepEqual([nobody.status, nobody.json.error], [400, 'Nobody called "mallory" is in the local directory.']);
    const snoop = await post(`${t.url}/playground/api/messages`, { as: 'bob', conversation: 'dm-alice', text: '/meet now' });
    assert.deepEqual([snoop.status, snoop.json.error], [400, 'Bob Smith cannot post in "dm-alice".']);
  });

  it('pushes new cards and in-place updates to every page watching the conversation', async () => {
    let meetingId = '';
    let messageId = '';
    const seen = await events(`${t.url}/playground/api/events?as=carol&conversation=general`, 4, async () => {
      const created = await post(`${t.url}/playground/api/messages`, { as: 'alice', conversation: 'general', text: '/meet now Live sync' });
      const card = created.json.messages.find((m) => m.card);
      meetingId = card?.card?.meetingId ?? '';
      messageId = card?.id ?? '';
      const added = await post(`${t.url}/playground/api/actions`, { as: 'carol', conversation: 'general', messageId, click: { source: 'slack', actionId: 'meetbot_add_me', value: meetingId } });
      assert.match(JSON.stringify(added.json.updated?.card?.slack), /Carol Martinez/);
    });
    assert.deepEqual(seen.map((e) => e.event).slice(0, 2), ['message', 'message']);
    const update = seen.find((e) => e.event === 'update');
    assert.equal(update?.data.id, messageId);
    assert.match(JSON.stringify(update?.data.card?.teams), /Carol Martinez/);
  });
});

describe('playground message reading', () => {
  const people = peopleFrom(DEFAULT_DIRECTORY);

  it('strips /meet and @meetbot and resolves @name mentions from the directory', () => {
    const read = readMessage('@meetbot tomorrow 15:00 Sync @bob and @carol, @zed', people, false);
    assert.equal(read.addressed, true);
    assert.equal(read.text, 'tomorrow 15:00 Sync @bob and @carol, @zed');
    assert.deepEqual(read.mentions.map((m) => [m.token, m.user.email ?? null]), [['@bob', 'bob@contoso.example'], ['@carol', 'carol@contoso.example'], ['@zed', null]]);
    assert.deepEqual(readMessage('/meet now Demo', people, false), { addressed: true, text: 'now Demo', mentions: [], trigger: 'command' });
  });

  it('does not take an e-mail address for a mention', () => {
    assert.deepEqual(readMessage('/meet now bob@contoso.example', people, false).mentions, []);
  });
});
