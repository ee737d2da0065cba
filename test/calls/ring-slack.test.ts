// End to end through Slack and the embedded local Graph: `/meet now … ring` makes the bot join the call and ring the
// people it names; they answer or decline on the join page; the card says who; the bot leaves and the call goes on.
import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { addSlackPeople, SLACK_IDS } from '../fakes/local-people';
import { FakeSlack } from '../slack/fake-slack';
import { startTestServer, type TestServer } from '../server/start';

const SIGNING_SECRET = 'ring-signing-secret-4a7c19e2';
const { ALICE, BOB, CAROL } = SLACK_IDS;
const CHANNEL = 'C024BE91L';

/** Polls `probe` until it returns something; after 20 s fails saying what it was waiting for. */
async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what = 'the condition', seen: () => unknown = () => undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; saw ${JSON.stringify(seen())}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ringing people into a meeting, through Slack and the local Graph', function () {
  this.timeout(60_000);
  let slack: FakeSlack;
  let t: TestServer;
  let trigger = 0;

  before(async () => {
    slack = new FakeSlack();
    addSlackPeople(slack);
    await slack.start();
    t = await startTestServer({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-ring-test', SLACK_API_URL: slack.apiUrl });
  });
  after(async () => {
    await t?.stop();
    await slack?.close();
  });

  async function slash(text: string): Promise<void> {
    trigger += 1;
    const form = new URLSearchParams({
      token: 'unused', team_id: 'T0001', team_domain: 'contoso', channel_id: CHANNEL, channel_name: 'incidents', user_id: ALICE, user_name: 'alice',
      command: '/meet', text, api_app_id: 'A0MEETBOT', response_url: slack.hook(`commands/ring-${trigger}`), trigger_id: `13345224609.738474920.8088930838d88f008e${trigger}`,
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${form}`).digest('hex')}`;
    const res = await fetch(`${t.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }, body: form });
    assert.equal(res.status, 200);
  }

  /** The join token of the newest card posted. */
  async function postedCard(count: number): Promise<{ channel: string; token: string }> {
    const posted = await until(() => slack.of('chat.postMessage')[count - 1]);
    const token = /\/local\/meetings\/([\w-]+)/.exec(JSON.stringify(posted.args))?.[1];
    assert.ok(token, 'the card carries the join URL');
    return { channel: String(posted.args.channel), token };
  }

  const cardSays = (pattern: RegExp) =>
    until(() => (slack.of('chat.update').some((c) => pattern.test(String(c.args.text))) ? true : undefined), `a card saying ${String(pattern)}`, () => slack.of('chat.update').slice(-3).map((c) => c.args.text));

  async function onJoinPage(token: string, kind: 'answer' | 'decline' | 'join' | 'leave', user: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${t.url}/local/meetings/${token}/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const page = async (token: string): Promise<string> => (await fetch(`${t.url}/local/meetings/${token}`)).text();

  it('rings bob and carol; bob answers and is in the call, carol declines; the card says so and the bot leaves while the call goes on', async () => {
    await slash(`now Sev1 <@${BOB}|bob> <@${CAROL}|carol> ring`);
    const card = await postedCard(1);
    await until(async () => ((await page(card.token)).includes('Incoming call for Carol Martinez') ? true : undefined));
    const ringing = await page(card.token);
    assert.match(ringing, /Incoming call for Bob Smith from meetbot/);
    assert.match(ringing, /Also in the call: meetbot \(app\)/);
    assert.match(String(slack.of('chat.postMessage')[0]?.args.text ?? ''), /Ringing Bob Smith and Carol Martinez/);

    const answered = await onJoinPage(card.token, 'answer', 'bob');
    assert.equal(answered.status, 200);
    await cardSays(/Bob Smith answered/);
    await cardSays(/Live now: Bob Smith\n/);
    assert.equal((await onJoinPage(card.token, 'decline', 'carol')).status, 200);
    await cardSays(/Bob Smith answered · Carol Martinez declined/);

    // Everyone rung has answered: the bot's leg ends, and bob is still in the call.
    await until(async () => (!(await page(card.token)).includes('(app)') ? true : undefined));
    const after = await page(card.token);
    assert.match(after, /Live since [^<]*: Bob Smith</);
    assert.doesNotMatch(after, /Incoming call/);
    const last = slack.of('chat.update').at(-1);
    assert.match(String(last?.args.text), /Status: Live now: Bob Smith\n/, 'the card counts no app as a person');
  });

  async function click(actionId: string, message: { channel: string; ts: string }, meetingId: string): Promise<void> {
    trigger += 1;
    const payload = {
      type: 'block_actions', user: { id: ALICE, username: 'alice', name: 'alice', team_id: 'T0001' }, api_app_id: 'A0MEETBOT', token: '9s8d9as89d8as9d8as989',
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
      trigger_id: `12466734323.1395872398.1b0fbd0e4c6b0d5e9a1f4b1b0e8d2f${trigger}`, team: { id: 'T0001', domain: 'contoso' }, enterprise: null, is_enterprise_install: false,
      channel: { id: message.channel, name: 'incidents' }, message: { type: 'message', user: 'UMEETBOT', ts: message.ts, bot_id: 'B0MEETBOT', text: 'Sev2' },
      state: { values: {} }, response_url: slack.hook(`actions/ring-${trigger}`),
      actions: [{ action_id: actionId, block_id: 'meetbot_actions', text: { type: 'plain_text', text: 'Ring them', emoji: true }, value: meetingId, type: 'button', action_ts: `1700000150.12345${trigger}` }],
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const res = await fetch(`${t.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature }, body });
    assert.equal(res.status, 200);
  }

  it('Ring them on a live card rings who is not in the call yet, and not somebody already in it', async () => {
    await slash(`now Sev2 <@${BOB}|bob> <@${CAROL}|carol>`);
    const card = await postedCard(2);
    assert.equal((await onJoinPage(card.token, 'join', 'bob')).status, 200);
    await cardSays(/^Sev2[\s\S]*Live now: Bob Smith\n/);
    const live = slack.of('chat.update').filter((c) => String(c.args.text).startsWith('Sev2')).at(-1);
    const button = JSON.stringify(live?.args.blocks).match(/"action_id":"meetbot_ring","text":\{[^}]*\},"value":"([^"]+)"/);
    assert.ok(button?.[1], 'the live card offers Ring them');

    await click('meetbot_ring', { channel: String(live?.args.channel), ts: String(live?.args.ts) }, button[1]);
    await cardSays(/^Sev2[\s\S]*Ringing Carol Martinez · Bob Smith already in the call/);
    await until(async () => ((await page(card.token)).includes('Incoming call for Carol Martinez') ? true : undefined));
    assert.doesNotMatch(await page(card.token), /Incoming call for Bob Smith/);

    assert.equal((await onJoinPage(card.token, 'answer', 'carol')).status, 200);
    await cardSays(/^Sev2[\s\S]*Carol Martinez answered · Bob Smith already in the call/);
    await until(async () => (!(await page(card.token)).includes('(app)') ? true : undefined));
    assert.match(await page(card.token), /Live since [^<]*: Bob Smith, Carol Martinez</);
  });
});
