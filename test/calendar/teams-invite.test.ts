// MEETBOT_CALENDAR=invite through Teams and the local Graph: a meeting made by a channel mention becomes a calendar
// event on the organizer's and each attendee's local calendar; a reschedule from the card moves it there, a cancel
// removes it from every calendar.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DIRECTORY } from '../../adapters/graph/local';
import { startTestServer, type TestServer } from '../server/start';
import { startFakeConnector, type FakeConnector } from '../teams/helpers/connector';
import { until } from './slack-server';

const [alice, bob, carol] = DEFAULT_DIRECTORY as [typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0]];
const ALICE = { id: '29:1Vq8mZ3alice0tYbN2', name: alice.displayName, aadObjectId: alice.id, email: alice.mail };
const BOB = { id: '29:1Vq8mZ3bob00tYbN2', name: bob.displayName, aadObjectId: bob.id, email: bob.mail };
const CAROL = { id: '29:1Vq8mZ3carol0tYbN2', name: carol.displayName, aadObjectId: carol.id, email: carol.mail };
const THREAD = '19:general@thread.tacv2;messageid=1772442000888';

interface GraphEvent {
  readonly id: string;
  readonly subject: string;
  readonly start: { dateTime: string };
  readonly isOnlineMeeting: boolean;
  readonly attendees: { emailAddress: { address: string } }[];
}

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, `../fixtures/teams/${name}.json`), 'utf8')) as Record<string, unknown>;
}

describe('calendar invitations through Teams (MEETBOT_CALENDAR=invite)', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  let t: TestServer;
  before(async () => {
    connector = await startFakeConnector([ALICE, BOB, CAROL]);
    t = await startTestServer({ MEETBOT_CALENDAR: 'invite' });
  });
  after(async () => {
    await t?.stop();
    await connector?.close();
  });

  const calendar = async (who: string): Promise<GraphEvent[]> => {
    const res = await fetch(`${t.url}/local/graph/v1.0/users/${who}@contoso.example/events`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { value: GraphEvent[] }).value;
  };
  const post = async (activity: Record<string, unknown>) => {
    const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    assert.ok(res.status < 300, String(res.status));
    return res;
  };
  const conversation = { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1', id: THREAD };
  const click = (cardId: string, id: string, data: Record<string, unknown>, verb: string) =>
    post({ ...fixture('invoke-action'), id, serviceUrl: connector.url, from: { id: ALICE.id, name: ALICE.name, aadObjectId: ALICE.aadObjectId }, conversation, replyToId: cardId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } });

  it("puts the meeting on everyone's calendar, moves it on reschedule and removes it on cancel", async () => {
    await post({
      ...fixture('channel-message'),
      serviceUrl: connector.url,
      id: '1772442000888',
      text: '<at>meetbot</at> tomorrow 15:00 Review <at>Bob Smith</at> <at>Carol Martinez</at>\n',
      from: { id: ALICE.id, name: ALICE.name, aadObjectId: ALICE.aadObjectId },
      conversation,
      entities: [
        { mentioned: { id: '28:bot-app-id', name: 'meetbot' }, text: '<at>meetbot</at>', type: 'mention' },
        { mentioned: { id: BOB.id, name: BOB.name }, text: '<at>Bob Smith</at>', type: 'mention' },
        { mentioned: { id: CAROL.id, name: CAROL.name }, text: '<at>Carol Martinez</at>', type: 'mention' },
        { locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Berlin', type: 'clientInfo' },
      ],
    });
    await until(() => connector.messages().find((m) => Array.isArray(m.activity.attachments)));
    const cardCall = connector.calls.find((c) => c.method === 'POST' && Array.isArray(c.activity.attachments));
    assert.ok(cardCall);
    // The fake connector numbers what it is sent: the typing indicator is msg-1, the card msg-2.
    const cardId = 'msg-2';
    const meetingId = /"meetingId":"([^"]+)"/.exec(JSON.stringify(cardCall.activity))?.[1] ?? '';
    assert.ok(meetingId, 'the card carries its meeting id');

    const [event] = await calendar('alice');
    assert.ok(event, "on alice's calendar");
    assert.equal(event.subject, 'Review');
    assert.equal(event.isOnlineMeeting, true);
    assert.deepEqual(event.attendees.map((a) => a.emailAddress.address).sort(), ['bob@contoso.example', 'carol@contoso.example']);
    for (const who of ['bob', 'carol']) assert.deepEqual((await calendar(who)).map((e) => e.id), [event.id], `on ${who}'s calendar`);

    await click(cardId, 'f:alice-reschedule-1', { meetingId, date: '2030-01-10', time: '16:30:00', durationMinutes: '45' }, 'meetbot.reschedule');
    await until(async () => ((await calendar('carol'))[0]?.start.dateTime.startsWith('2030-01-10T15:30:00') ? true : undefined));

    await click(cardId, 'f:alice-cancel-1', { meetingId }, 'meetbot.cancel');
    await until(async () => ((await calendar('alice')).length === 0 ? true : undefined));
    for (const who of ['bob', 'carol']) assert.deepEqual(await calendar(who), [], `off ${who}'s calendar`);
  });
});
