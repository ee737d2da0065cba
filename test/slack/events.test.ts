import { strict as assert } from 'node:assert';
import { eventually, fixture, startHarness, type Harness } from './harness';

type Envelope = { event_id: string; event: Record<string, unknown> };

describe('slack adapter: mentions and direct messages', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.close());

  it('answers a channel mention in a thread started on the mention', async () => {
    const res = await h.event(fixture('app-mention.json'));
    assert.equal(res.status, 200);
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    assert.equal(post.args.channel, 'C2147483705');
    assert.equal(post.args.thread_ts, '1515449522.000016');
    await h.adapter.idle();
    assert.equal(h.store.cards[0]?.ref.conversation.threadId, '1515449522.000016');
  });

  it('replies inside the thread a mention came from, without inviting the bot itself', async () => {
    const envelope = fixture<Envelope>('app-mention.json');
    envelope.event = { ...envelope.event, thread_ts: '1515440000.000001', ts: '1515449999.000002' };
    await h.event(envelope);
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    assert.equal(post.args.thread_ts, '1515440000.000001');
    await h.adapter.idle();
    const [meeting] = [...h.meetings.meetings.values()];
    assert.deepEqual(meeting?.attendees.map((a) => a.id), ['aad-bob']);
  });

  it('answers a direct message in the direct message', async () => {
    await h.event(fixture('message-im.json'));
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    assert.equal(post.args.channel, 'D0ALICEDM');
    assert.equal(post.args.thread_ts, undefined);
    assert.match(JSON.stringify(post.args.blocks), /Sync/);
  });

  it('creates one meeting and one card when Slack retries the event', async () => {
    const envelope = fixture('app-mention.json');
    assert.equal((await h.event(envelope)).status, 200);
    assert.equal((await h.event(envelope, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status, 200);
    await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    assert.equal((await h.event(envelope, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' })).status, 200);
    await h.adapter.idle();
    assert.equal(h.meetings.count('createOrGet'), 1);
    assert.equal(h.slack.of('chat.postMessage').length, 1);
  });

  it('ignores bot messages, edits and other subtypes in direct messages', async () => {
    const base = fixture<Envelope>('message-im.json');
    await h.event({ ...base, event_id: 'Ev1', event: { ...base.event, bot_id: 'B999' } });
    await h.event({ ...base, event_id: 'Ev2', event: { ...base.event, subtype: 'message_changed' } });
    await h.event({ ...base, event_id: 'Ev3', event: { ...base.event, subtype: 'bot_message' } });
    await h.adapter.idle();
    assert.equal(h.slack.of('chat.postMessage').length, 0);
    assert.equal(h.meetings.count('createOrGet'), 0);
  });

  it('invites and pings nobody for @channel: the meeting is made, the card carries no broadcast', async () => {
    const envelope = fixture<Envelope>('app-mention.json');
    envelope.event = { ...envelope.event, text: '<@UMEETBOT> now <!channel> &lt;b&gt;' };
    await h.event(envelope);
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    assert.equal(h.meetings.count('createOrGet'), 1);
    const meeting = [...h.meetings.meetings.values()][0];
    assert.equal(meeting?.subject, '<b>');
    assert.deepEqual(meeting?.attendees, []);
    assert.doesNotMatch(JSON.stringify(post.args), /<!channel>/);
    assert.match(JSON.stringify(post.args.blocks), /&lt;b&gt;/);
  });

  it('answers the Events API url_verification challenge', async () => {
    const res = await h.event({ type: 'url_verification', token: 't', challenge: 'abc123' });
    assert.deepEqual(await res.json(), { challenge: 'abc123' });
  });

  it("answers the SSL check Slack sends a slash command's URL with an empty 200, running no command", async () => {
    const res = await h.command({ ssl_check: '1', token: 'gIkuvaNzQIHg97ATvDxqgjtO' });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '');
    await h.adapter.idle();
    assert.equal(h.meetings.count('createOrGet'), 0);
  });
});
