import { strict as assert } from 'node:assert';
import { boltLogger } from '../../adapters/slack/bolt-logger';
import { FakeLogger } from '../fakes';
import { eventually, fixture, slashCommand } from './harness';
import { APP_TOKEN, BOT_TOKEN, startSocketHarness, type SocketHarness } from './socket-harness';

type Payload = Record<string, unknown> & { actions: Record<string, unknown>[] };
type Envelope = { event_id: string; event: Record<string, unknown> };

/** What keeps the event loop alive, counted by kind. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** What keeps the event loop alive once closed handles are gone (they leave on a later turn of the loop). */
async function settledHandles(expected: Record<string, number>): Promise<Record<string, number>> {
  for (let turn = 0; turn < 100; turn += 1) {
    if (JSON.stringify(handles()) === JSON.stringify(expected)) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return handles();
}

describe('slack adapter: Socket Mode over a real WebSocket', () => {
  let h: SocketHarness;
  /** What was running before the fakes and the adapter started. */
  let before: Record<string, number>;
  beforeEach(async () => {
    // After one await mocha's own timeout timer is running, as it will be during the test.
    await Promise.resolve();
    before = handles();
    h = await startSocketHarness();
  });
  afterEach(async () => {
    await h.close();
    const logged = JSON.stringify(h.logger.entries);
    for (const secret of [APP_TOKEN, BOT_TOKEN, 'xapp-', 'xoxb-', 'ticket=']) assert.ok(!logged.includes(secret), `logs must not contain ${secret}`);
  });

  /** Starts the adapter and waits until it is connected. */
  async function connect(): Promise<void> {
    await h.adapter.start();
    await h.socket.connected();
  }

  it('connects with the app-level token at SLACK_API_URL, quietly', async () => {
    await h.adapter.start();
    assert.equal(h.socket.open, 1, 'start() resolves once Slack said hello');
    const open = h.slack.of('apps.connections.open');
    assert.equal(open.length, 1);
    assert.equal(open[0]?.token, APP_TOKEN);
    assert.ok(h.slack.calls.filter((c) => c.method !== 'apps.connections.open').every((c) => c.token === BOT_TOKEN), 'the bot token for everything else');
    assert.deepEqual(h.adapter.router.stack, [], 'no HTTP route in Socket Mode');
    assert.deepEqual(h.logger.entries.filter((e) => e.level !== 'debug'), []);
  });

  it('acks /meet over the socket before users.info answers, then posts the join card into the channel', async () => {
    await connect();
    let slackAnswers: () => void = () => undefined;
    h.slack.usersInfoGate = new Promise<void>((resolve) => (slackAnswers = resolve));
    const id = h.socket.slashCommand(slashCommand(h, { text: 'now Standup <@UBOB>' }));
    const ack = await h.socket.ackOf(id);
    assert.deepEqual(ack, { envelope_id: id, payload: {} });
    assert.equal(h.slack.of('chat.postMessage').length, 0, 'users.info has not answered: nothing posted yet');
    assert.equal(h.meetings.count('createOrGet'), 0);
    slackAnswers();
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    assert.equal(post.args.channel, 'C2147483705');
    assert.equal(post.args.thread_ts, undefined);
    const json = JSON.stringify(post.args.blocks);
    assert.match(json, /"url":"https:\/\/teams\.microsoft\.com\/l\/meetup-join\//, 'join URL button');
    assert.match(json, /Standup/);
    assert.match(json, /<@UBOB>/);
    assert.equal(h.meetings.count('createOrGet'), 1);
    assert.equal(h.store.cards.length, 1, 'the card is recorded so later changes can update it');
    assert.equal(h.slack.hooks.length, 0, 'the card went through chat.postMessage, not the response_url');
  });

  it('answers an app_mention with one card in the thread of the mention', async () => {
    await connect();
    const id = h.socket.event(fixture('app-mention.json'));
    assert.deepEqual(await h.socket.ackOf(id), { envelope_id: id, payload: {} });
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    assert.equal(post.args.channel, 'C2147483705');
    assert.equal(post.args.thread_ts, '1515449522.000016');
    assert.match(JSON.stringify(post.args.blocks), /Retro/);
    assert.equal(h.slack.of('chat.postMessage').length, 1);
  });

  it('creates one meeting and one card when Slack redelivers the event (retry_attempt 1, same event_id)', async () => {
    await connect();
    const envelope = fixture<Envelope>('app-mention.json');
    const first = h.socket.event(envelope);
    const retry = h.socket.event(envelope, { attempt: 1, reason: 'timeout' });
    await h.socket.ackOf(first);
    await h.socket.ackOf(retry);
    await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    await h.socket.ackOf(h.socket.event(envelope, { attempt: 2, reason: 'timeout' }));
    await h.adapter.idle();
    assert.equal(h.meetings.count('createOrGet'), 1);
    assert.equal(h.slack.of('chat.postMessage').length, 1);
    assert.equal(h.store.cards.length, 1);
  });

  it('adds the clicker on “Add me” and updates the card in place with chat.update', async () => {
    await connect();
    await h.socket.ackOf(h.socket.slashCommand(slashCommand(h, { text: 'tomorrow 15:00 30m Planning <@UBOB>' })));
    await eventually(() => h.store.cards[0]);
    await h.adapter.idle();
    const ts = String(h.store.cards[0]?.ref.messageId);
    const meetingId = String(h.store.cards[0]?.meetingId);
    const payload = fixture<Payload>('block-actions.json', { 'http://127.0.0.1:PORT/': `${h.slack.url}/`, MEETING_ID: meetingId, '1700000100.000200': ts });
    payload.user = { id: 'UCAROL', username: 'carol', team_id: 'T0001' };
    const id = h.socket.interactive(payload);
    assert.deepEqual(await h.socket.ackOf(id), { envelope_id: id, payload: {} });
    const update = await eventually(() => h.slack.of('chat.update')[0]);
    await h.adapter.idle();
    assert.equal(update.args.channel, 'C2147483705');
    assert.equal(update.args.ts, ts);
    assert.match(JSON.stringify(update.args.blocks), /<@UCAROL>/);
    assert.equal(h.slack.of('chat.update').length, 1);
  });

  it('sends invalid modal values back to the form in the ack’s payload', async () => {
    await connect();
    const payload = fixture<Payload & { view: Record<string, unknown> }>('view-submission.json');
    const values = { date: { value: { type: 'datepicker', selected_date: null } }, time: { value: { type: 'timepicker', selected_time: '10:00' } }, duration: { value: { type: 'number_input', value: '0' } } };
    payload.view = { ...payload.view, private_metadata: JSON.stringify({ meetingId: 'M1' }), state: { values } };
    const id = h.socket.interactive(payload);
    const ack = await h.socket.ackOf(id);
    assert.equal(ack.payload?.response_action, 'errors');
    assert.deepEqual(Object.keys(ack.payload?.errors as Record<string, string>).sort(), ['date', 'duration']);
  });

  it('finishes acknowledged work before stop() resolves', async () => {
    await connect();
    await h.socket.ackOf(h.socket.event(fixture('app-mention.json')));
    await h.adapter.stop();
    assert.equal(h.slack.of('chat.postMessage').length, 1);
  });

  it('closes the WebSocket with a normal closure on stop() and leaves nothing running', async () => {
    await connect();
    await h.adapter.stop();
    assert.equal(h.socket.open, 0, 'stop() resolves after the close handshake, not before');
    assert.deepEqual(await eventually(() => h.socket.closes[0]), { code: 1000, reason: '' });
    await h.close();
    assert.deepEqual(await settledHandles(before), before, 'no socket, timer or reconnect attempt left behind');
    assert.equal(h.socket.connections, 1, 'no reconnect after a deliberate stop');
    assert.deepEqual(h.logger.entries.filter((e) => e.level === 'warn' || e.level === 'error'), []);
  });

  it('refuses to start with a clear message, and no token, when Slack rejects the app token', async () => {
    h.slack.failing.set('apps.connections.open', 'invalid_auth');
    await assert.rejects(h.adapter.start(), (error: Error) => {
      assert.match(error.message, /Socket Mode could not connect \(invalid_auth\).*SLACK_APP_TOKEN/);
      assert.doesNotMatch(error.message, /xapp-|xoxb-/);
      return true;
    });
    assert.equal(h.socket.connections, 0);
    await h.close();
    assert.deepEqual(await settledHandles(before), before, 'a failed start leaves nothing running');
  });
});

describe('slack adapter: Bolt log lines', () => {
  it('never carry a Slack token or a Socket Mode ticket, and drop debug output', () => {
    const logger = new FakeLogger();
    const bolt = boltLogger(logger);
    bolt.debug(`Received a message on the WebSocket: {"token":"${BOT_TOKEN}"}`);
    bolt.error(new Error(`WebSocket error! wss://wss-primary.slack.com/link/?ticket=1234-abcd&app_id=A0MEETBOT`), `Bearer ${APP_TOKEN}`);
    bolt.warn({ token: BOT_TOKEN });
    assert.deepEqual(
      logger.entries.map((e) => [e.level, e.msg]),
      [
        ['error', 'WebSocket error! wss://wss-primary.slack.com/link/?ticket=[redacted]&app_id=A0MEETBOT Bearer [redacted]'],
        ['warn', '{"token":"[redacted]"}'],
      ],
    );
  });
});
