// End to end through Teams and the embedded local Graph: `now … ring` (and its Russian `позвонить`) rings the people
// mentioned; one answers, one declines on the join page; the Adaptive Card says who, in the reader's language.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../server/start';
import { startFakeConnector, type FakeConnector } from '../teams/helpers/connector';
import { until } from '../calendar/slack-server';
import { TEAMS_PEOPLE } from '../fakes/local-people';

const { ALICE, BOB, CAROL } = TEAMS_PEOPLE;

describe('ringing people into a meeting, through Teams', function () {
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

  async function command(id: string, words: string, locale: string): Promise<string> {
    const raw = JSON.parse(readFileSync(join(__dirname, '../fixtures/teams/channel-message.json'), 'utf8')) as Record<string, unknown>;
    const activity = {
      ...raw,
      serviceUrl: connector.url,
      id,
      locale,
      text: `<at>meetbot</at> ${words} <at>Bob Smith</at> <at>Carol Martinez</at>\n`,
      from: { id: ALICE.id, name: ALICE.name, aadObjectId: ALICE.aadObjectId },
      conversation: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1', id: `19:incidents@thread.tacv2;messageid=${id}` },
      entities: [
        { mentioned: { id: '28:bot-app-id', name: 'meetbot' }, text: '<at>meetbot</at>', type: 'mention' },
        { mentioned: { id: BOB.id, name: BOB.name }, text: '<at>Bob Smith</at>', type: 'mention' },
        { mentioned: { id: CAROL.id, name: CAROL.name }, text: '<at>Carol Martinez</at>', type: 'mention' },
        { locale, country: 'US', platform: 'Web', timezone: 'Europe/Berlin', type: 'clientInfo' },
      ],
    };
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    assert.ok(res.status < 300, String(res.status));
    const card = await until(() => connector.messages().find((m) => m.conversationId.endsWith(id) && Array.isArray(m.activity.attachments)));
    const joinToken = /\/local\/meetings\/([\w-]+)\?/.exec(JSON.stringify(card.activity))?.[1];
    assert.ok(joinToken, 'the card carries the join URL');
    return joinToken;
  }

  const answer = async (token: string, kind: 'answer' | 'decline', user: string) => {
    const r = await fetch(`${t.url}/local/meetings/${token}/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
    assert.equal(r.status, 200, await r.text());
  };
  const ringing = async (token: string, name: string) => ((await (await fetch(`${t.url}/local/meetings/${token}`)).text()).includes(`Incoming call for ${name}`) ? true : undefined);
  const cardSays = (text: string) => until(() => (connector.calls.some((c) => c.method === 'PUT' && JSON.stringify(c.activity).includes(text)) ? true : undefined));

  it('rings bob and carol from "now Sev1 … ring"; the card shows the ringing, then who answered and who declined', async () => {
    const token = await command('1772442000901', 'now Sev1 ring', 'en-US');
    const first = connector.messages().find((m) => m.conversationId.endsWith('1772442000901'));
    assert.match(JSON.stringify(first?.activity), /Ringing Bob Smith and Carol Martinez/);
    await until(() => ringing(token, 'Bob Smith'));
    await answer(token, 'answer', 'bob');
    await cardSays('Bob Smith answered');
    await answer(token, 'decline', 'carol');
    await cardSays('Bob Smith answered · Carol Martinez declined');
    await until(async () => (!(await (await fetch(`${t.url}/local/meetings/${token}`)).text()).includes('(app)') ? true : undefined));
  });

  it('understands позвонить and writes the ring in Russian', async () => {
    const token = await command('1772442000902', 'сейчас Авария позвонить', 'ru-RU');
    await until(() => ringing(token, 'Carol Martinez'));
    await answer(token, 'decline', 'carol');
    await answer(token, 'decline', 'bob');
    await cardSays('Отклонили: Bob Smith и Carol Martinez');
  });

  it('Ring them, pressed by an attendee, rings everyone else on the meeting and not the one who pressed it', async () => {
    const token = await command('1772442000903', 'now Sev3', 'en-US');
    const card = connector.messages().find((m) => m.conversationId.endsWith('1772442000903'));
    const meetingId = /"verb":"meetbot\.ring","data":\{"meetingId":"([^"]+)"/.exec(JSON.stringify(card?.activity))?.[1];
    assert.ok(meetingId, 'an instant meeting\'s card offers Ring them');
    const raw = JSON.parse(readFileSync(join(__dirname, '../fixtures/teams/invoke-action.json'), 'utf8')) as Record<string, unknown>;
    const invoke = {
      ...raw,
      id: 'f:7d2c0a1b-invoke-0903',
      serviceUrl: connector.url,
      from: { id: BOB.id, name: BOB.name, aadObjectId: BOB.aadObjectId },
      conversation: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1', id: '19:incidents@thread.tacv2;messageid=1772442000903' },
      replyToId: card?.activityId,
      value: { action: { type: 'Action.Execute', title: 'Ring them', verb: 'meetbot.ring', data: { meetingId } }, trigger: 'manual' },
    };
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(invoke) });
    assert.equal(res.status, 200);
    const answer = JSON.stringify(await res.json());
    assert.match(answer, /Ringing Alice Johnson and Carol Martinez/, 'bob rings everyone else, the organizer too');
    await until(() => ringing(token, 'Alice Johnson'));
    assert.equal(await ringing(token, 'Bob Smith'), undefined);
  });
});
