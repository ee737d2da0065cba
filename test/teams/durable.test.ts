import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from '../server/start';
import { startFakeConnector, type FakeConnector } from './helpers/connector';
import { fixture } from './helpers/harness';

type Json = Record<string, unknown>;

// Alice of the local directory, as Teams names her.
const ALICE = { id: '29:1a1b2c3d4alice', name: 'Alice Johnson', aadObjectId: 'a1b2c3d4-0001-4a5b-8c6d-7e8f90a1b2c3' };

/** A channel mention of the bot alone, with its own activity id (and so its own reply chain). */
function mention(serviceUrl: string, id: string, text = 'now Standup'): Json {
  const base = fixture('channel-message', serviceUrl);
  const entities = (base.entities as Json[]).filter((e) => e.type === 'clientInfo' || (e.mentioned as Json | undefined)?.id === '28:bot-app-id');
  return { ...base, id, text: `<at>meetbot</at> ${text}`, attachments: [], entities, from: ALICE, conversation: { ...(base.conversation as Json), id: `19:general@thread.tacv2;messageid=${id}` } };
}

async function until<T>(check: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const cards = (connector: FakeConnector, conversationId: string) =>
  connector.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId && Array.isArray(c.activity.attachments) && c.activity.attachments.length > 0);

describe('Teams over the job queue: record, then acknowledge', () => {
  let t: TestServer;
  let connector: FakeConnector;
  beforeEach(async () => {
    connector = await startFakeConnector();
    t = await startTestServer({ MEETBOT_LOCAL_FAULTS: 'latency=300' });
  });
  afterEach(async () => {
    await t.stop();
    await connector.close();
  });

  const post = (activity: Json) => fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

  it('answers the request at once, and posts the card from the job into the thread', async () => {
    const res = await post(mention(connector.url, '1772442000501'));
    assert.equal(res.status, 200);
    assert.deepEqual(connector.calls.map((c) => c.activity.type), [], 'nothing is posted in the request: Graph answers after 300 ms');
    const [card] = await until(() => (cards(connector, '19:general@thread.tacv2;messageid=1772442000501').length ? cards(connector, '19:general@thread.tacv2;messageid=1772442000501') : undefined), 'the card');
    assert.equal(card?.activityId, '1772442000501', 'a reply to the mention, as the turn itself would have sent it');
  });

  it('shows the typing indicator in the thread while the card takes longer than half a second', async () => {
    await t.stop();
    t = await startTestServer({ MEETBOT_LOCAL_FAULTS: 'latency=1500' });
    const thread = '19:general@thread.tacv2;messageid=1772442000504';
    await post(mention(connector.url, '1772442000504'));
    await until(() => (cards(connector, thread).length ? true : undefined), 'the card');
    const sent = connector.calls.map((c) => c.activity.type);
    assert.equal(sent.at(-1), 'message', 'the card comes last');
    assert.ok(sent.slice(0, -1).length >= 1 && sent.slice(0, -1).every((type) => type === 'typing'), `typing before the card, got ${sent.join(', ')}`);
    const typing = connector.calls.find((c) => c.activity.type === 'typing');
    assert.equal(typing?.conversationId, thread, 'in the thread of the mention');
  });

  it('makes one meeting and one card of an activity Teams delivers twice at once', async () => {
    const activity = mention(connector.url, '1772442000502');
    const answers = await Promise.all([post(activity), post(activity)]);
    assert.deepEqual(answers.map((r) => r.status), [200, 200]);
    await until(() => (cards(connector, '19:general@thread.tacv2;messageid=1772442000502').length ? true : undefined), 'the card');
    await new Promise((r) => setTimeout(r, 800));
    assert.equal(cards(connector, '19:general@thread.tacv2;messageid=1772442000502').length, 1);
  });

  it('answers a card click in its own request with the new card', async () => {
    await post(mention(connector.url, '1772442000503'));
    const [card] = await until(() => (cards(connector, '19:general@thread.tacv2;messageid=1772442000503').length ? cards(connector, '19:general@thread.tacv2;messageid=1772442000503') : undefined), 'the card');
    const content = ((card?.activity.attachments as Json[])[0]?.content ?? {}) as Json;
    const addMe = JSON.stringify(content).match(/"meetingId":"([^"]+)"/)?.[1];
    assert.ok(addMe, 'the card carries its meeting id');
    const click = {
      ...fixture('invoke-action', connector.url),
      id: 'f:2b6ea5b3-2f0e-4d4a-9a1e-invoke0503',
      replyToId: '1',
      from: { id: '29:1bob', name: 'Bob Smith', aadObjectId: 'b2c3d4e5-0002-4b6c-9d7e-8f90a1b2c3d4' },
      value: { action: { type: 'Action.Execute', verb: 'meetbot.add_me', data: { meetingId: addMe } } },
    };
    const res = await post(click);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { statusCode: number; type: string; value: Json };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(body.value), /Bob Smith/);
  });
});
