// End to end through Teams and the embedded local Graph: a meeting made in a channel, a call through its join page,
// and the summary posted into the card's reply chain, once, with the card counting who came.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../server/start';
import { startFakeConnector, type FakeConnector } from '../teams/helpers/connector';
import { until } from '../calendar/slack-server';
import { TEAMS_PEOPLE } from '../fakes/local-people';

const { ALICE, BOB, CAROL } = TEAMS_PEOPLE;

describe('the summary after a call, through Teams', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  let t: TestServer;
  before(async () => {
    connector = await startFakeConnector([ALICE, BOB, CAROL]);
    t = await startTestServer({});
  });
  after(async () => {
    await t?.stop();
    await connector?.close();
  });

  it('posts one summary in the card\'s reply chain after bob and alice leave, naming carol as absent', async () => {
    const raw = JSON.parse(readFileSync(join(__dirname, '../fixtures/teams/channel-message.json'), 'utf8')) as Record<string, unknown>;
    const activity = {
      ...raw,
      serviceUrl: connector.url,
      id: '1772442000777',
      text: '<at>meetbot</at> now Review <at>Bob Smith</at> <at>Carol Martinez</at>\n',
      from: { id: ALICE.id, name: ALICE.name, aadObjectId: ALICE.aadObjectId },
      conversation: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1', id: '19:general@thread.tacv2;messageid=1772442000777' },
      entities: [
        { mentioned: { id: '28:bot-app-id', name: 'meetbot' }, text: '<at>meetbot</at>', type: 'mention' },
        { mentioned: { id: BOB.id, name: BOB.name }, text: '<at>Bob Smith</at>', type: 'mention' },
        { mentioned: { id: CAROL.id, name: CAROL.name }, text: '<at>Carol Martinez</at>', type: 'mention' },
        { locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Berlin', type: 'clientInfo' },
      ],
    };
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    assert.ok(res.status < 300, String(res.status));
    const card = await until(() => connector.messages().find((m) => Array.isArray(m.activity.attachments)));
    const joinToken = /\/local\/meetings\/([\w-]+)\?/.exec(JSON.stringify(card.activity))?.[1];
    assert.ok(joinToken, 'the card carries the join URL');
    await until(async () => ((await (await fetch(`${t.url}/local/graph/v1.0/subscriptions`)).json()) as { value: unknown[] }).value.length === 1 || undefined);

    const page = async (kind: 'join' | 'leave', user: string) => {
      const r = await fetch(`${t.url}/local/meetings/${joinToken}/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
      assert.equal(r.status, 200, await r.text());
    };
    await page('join', 'alice');
    await page('join', 'bob');
    await page('leave', 'bob');
    await page('leave', 'alice');

    const summaries = () => connector.messages().filter((m) => /^Call summary: Review/.test(String(m.activity.text)));
    const summary = await until(() => summaries()[0]);
    assert.equal(summary.conversationId, '19:general@thread.tacv2;messageid=1772442000777', 'in the card\'s reply chain');
    const text = String(summary.activity.text);
    assert.match(text, /Alice Johnson: less than a minute/);
    assert.match(text, /Bob Smith: less than a minute/);
    assert.match(text, /Invited but did not come: Carol Martinez/);
    await until(() => (connector.calls.some((c) => c.method === 'PUT' && JSON.stringify(c.activity).includes('2 of 3 attended')) ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(summaries().length, 1, 'one summary');
  });
});
