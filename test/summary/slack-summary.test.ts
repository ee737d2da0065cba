// End to end through Slack and the local Graph: people join, leave and rejoin through the join page; after each call
// the card says how many came and the card's thread gets one summary whose minutes match the local attendance report.
import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { startLocalGraphServer, type LocalGraphServer } from '../../adapters/graph/local';
import { addSlackPeople, SLACK_IDS } from '../fakes/local-people';
import { FakeSlack } from '../slack/fake-slack';
import { startTestServer, type TestServer } from '../server/start';

const SIGNING_SECRET = 'summary-signing-secret-8d2f41';
const { ALICE, BOB, CAROL, DMITRY } = SLACK_IDS;
const CHANNEL = 'C024BE91L';

async function until<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the summary after a call, through Slack and the local Graph', function () {
  this.timeout(60_000);
  let slack: FakeSlack;
  let graph: LocalGraphServer;
  let t: TestServer;
  // The local service's clock runs ahead when the test says so, so calls last minutes without waiting for them.
  let aheadMs = 0;

  before(async () => {
    slack = new FakeSlack();
    addSlackPeople(slack, true);
    await slack.start();
    graph = await startLocalGraphServer({ now: () => new Date(Date.now() + aheadMs) });
    t = await startTestServer({ GRAPH_BASE_URL: graph.url, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-summary-test', SLACK_API_URL: slack.apiUrl });
  });
  after(async () => {
    await t?.stop();
    await graph?.close();
    await slack?.close();
  });

  async function slash(text: string): Promise<void> {
    const form = new URLSearchParams({
      token: 'unused', team_id: 'T0001', team_domain: 'contoso', channel_id: CHANNEL, channel_name: 'general', user_id: ALICE, user_name: 'alice',
      command: '/meet', text, api_app_id: 'A0MEETBOT', response_url: slack.hook('commands/summary'), trigger_id: '13345224609.738474920.8088930838d88f008e0',
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${form}`).digest('hex')}`;
    const res = await fetch(`${t.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }, body: form });
    assert.equal(res.status, 200);
  }

  it('posts one summary per call in the card thread, with each person\'s minutes and who did not come, and the card counts who came', async () => {
    await slash(`now Review <@${BOB}|bob> <@${CAROL}|carol> <@${DMITRY}|dmitry>`);
    const card = await until(() => slack.of('chat.postMessage').find((c) => c.args.channel === CHANNEL && !c.args.thread_ts));
    const joinToken = /\/local\/meetings\/([\w-]+)/.exec(JSON.stringify(card.args))?.[1];
    assert.ok(joinToken, 'the card carries the join URL');
    await until(async () => ((await graph.graph.repo.listSubscriptions(new Date())).length === 1 ? true : undefined));

    const page = (kind: 'join' | 'leave', user: string, minute: number) => async () => {
      aheadMs = minute * 60_000;
      const res = await fetch(`${graph.origin}/local/meetings/${joinToken}/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
      assert.equal(res.status, 200, await res.text());
    };
    for (const step of [page('join', 'alice', 0), page('join', 'bob', 1), page('leave', 'bob', 5), page('join', 'bob', 7), page('join', 'carol', 10), page('leave', 'carol', 20), page('leave', 'bob', 20), page('leave', 'alice', 42)]) await step();

    const cardTs = await until(() => slack.of('chat.update').find((c) => c.args.channel === CHANNEL)?.args.ts);
    const inThread = () => slack.of('chat.postMessage').filter((c) => c.args.channel === CHANNEL && c.args.thread_ts === cardTs);
    const first = await until(() => inThread()[0]);
    const text = String(first.args.text);
    assert.match(text, /^Call summary: Review · .* · lasted 42 min/);
    assert.match(text, /• Alice Johnson: 42 min\n/);
    assert.match(text, /• Bob Smith: 17 min \(joined 2 times\)\n/);
    assert.match(text, /• Carol Martinez: 10 min\n/);
    assert.match(text, /Invited but did not come: Дмитрий Иванов/);
    await until(() => (slack.of('chat.update').some((c) => JSON.stringify(c.args).includes('Ended · 42 min · 3 of 4 attended')) ? true : undefined));

    // The minutes are the local service's own records.
    const organizer = graph.graph.directory.find((u) => u.mailNickname === 'alice')?.id ?? '';
    const meetingId = await meetingOf(organizer, joinToken);
    const reports = (await (await fetch(`${graph.url}/users/${organizer}/onlineMeetings/${encodeURIComponent(meetingId)}/attendanceReports?$expand=attendanceRecords`)).json()) as { value: { attendanceRecords: { identity: { displayName: string }; totalAttendanceInSeconds: number }[] }[] };
    const seconds = Object.fromEntries(reports.value[0]?.attendanceRecords.map((r) => [r.identity.displayName, r.totalAttendanceInSeconds]) ?? []);
    assert.deepEqual(seconds, { 'Alice Johnson': 42 * 60, 'Bob Smith': 17 * 60, 'Carol Martinez': 10 * 60 });

    // A second call: its own summary, listing both calls and the minutes over both.
    for (const step of [page('join', 'bob', 60), page('leave', 'bob', 65)]) await step();
    const second = await until(() => inThread()[1]);
    assert.match(String(second.args.text), /lasted 5 min/);
    assert.match(String(second.args.text), /This meeting has had 2 calls:/);
    assert.match(String(second.args.text), /In all calls: Alice Johnson 42 min, Bob Smith 22 min, Carol Martinez 10 min/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(inThread().length, 2, 'one summary per call');
  });

  async function meetingOf(organizer: string, token: string): Promise<string> {
    const joinUrl = `${graph.origin}/local/meetings/${token}`;
    const listed = (await (await fetch(`${graph.url}/users/${organizer}/onlineMeetings?$filter=${encodeURIComponent(`JoinWebUrl eq '${joinUrl}'`)}`)).json()) as { value: { id: string }[] };
    return listed.value[0]?.id ?? '';
  }
});
