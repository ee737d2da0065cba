import { strict as assert } from 'node:assert';
import { eventually, fixture, slashCommand, startHarness, type Harness } from './harness';

type Envelope = { event_id: string; event: Record<string, unknown> };
type Block = { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] };

/** A direct message (or a channel mention) from Alice, as Slack sends it. */
function message(kind: 'dm' | 'mention', text: string, eventId: string): Envelope {
  const envelope = fixture<Envelope>(kind === 'dm' ? 'message-im.json' : 'app-mention.json');
  return { ...envelope, event_id: eventId, event: { ...envelope.event, text } };
}

function buttons(blocks: unknown): { action_id: string; value: string; label: string }[] {
  const actions = (blocks as Block[]).find((b) => b.type === 'actions');
  return (actions?.elements ?? []).map((e) => ({ action_id: e.action_id, value: e.value, label: e.text.text }));
}

/** A click on an offered command in `channel`. */
function click(h: Harness, button: { action_id: string; value: string }, channel: string, triggerId: string): Record<string, unknown> {
  const payload = fixture<Record<string, unknown>>('block-actions.json', { 'http://127.0.0.1:PORT/': `${h.slack.url}/` });
  return {
    ...payload,
    trigger_id: triggerId,
    container: { type: 'message', message_ts: '1700000300.000400', channel_id: channel, is_ephemeral: channel.startsWith('C') },
    channel: { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'general' },
    actions: [{ action_id: button.action_id, block_id: 'meet_suggestions', type: 'button', value: button.value, action_ts: '1700000301.000500' }],
  };
}

describe('slack adapter: chatter and offered commands', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => h.close());

  it('answers "hello" in a direct message with help and a Start-a-meeting-now button, creating nothing', async () => {
    await h.event(message('dm', 'hello', 'Ev0CHAT0001'));
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    assert.equal(h.meetings.count('createOrGet'), 0);
    assert.equal(post.args.channel, 'D0ALICEDM');
    assert.match(String(post.args.text), /I set up Teams meetings/);
    assert.deepEqual(buttons(post.args.blocks), [{ action_id: 'meet_suggestion_0', value: '/meet now', label: 'Start a meeting now' }]);
  });

  it('answers "thanks!" and "@meetbot hello" in a channel mention the same way', async () => {
    await h.event(message('dm', 'thanks!', 'Ev0CHAT0002'));
    await h.event(message('mention', '<@UMEETBOT> hello', 'Ev0CHAT0003'));
    await eventually(() => h.slack.of('chat.postMessage').length + h.slack.of('chat.postEphemeral').length >= 2);
    await h.adapter.idle();
    assert.equal(h.meetings.count('createOrGet'), 0);
  });

  it('starts the meeting in one click on the button, once even when Slack retries the click', async () => {
    await h.event(message('dm', 'hello', 'Ev0CHAT0004'));
    const help = await eventually(() => h.slack.of('chat.postMessage')[0]);
    const [start] = buttons(help.args.blocks);
    assert.ok(start);
    const payload = click(h, start, 'D0ALICEDM', '13345224609.738474920.8088930838d88f008e0');
    assert.equal((await h.interact(payload)).status, 200);
    assert.equal((await h.interact(payload)).status, 200);
    await eventually(() => h.meetings.count('createOrGet') >= 1);
    await h.adapter.idle();
    assert.equal(h.meetings.count('createOrGet'), 1);
    const [meeting] = [...h.meetings.meetings.values()];
    assert.equal(meeting?.subject, null);
  });

  it('still makes "/meet Design review" a meeting now: a slash command is a request', async () => {
    await h.command(slashCommand(h, { text: 'Design review' }));
    await eventually(() => h.meetings.count('createOrGet') >= 1);
    await h.adapter.idle();
    assert.equal([...h.meetings.meetings.values()][0]?.subject, 'Design review');
  });

  it('asks back about a misspelt day with a button that schedules the corrected reading', async () => {
    await h.command(slashCommand(h, { text: 'fridy 3pm Retro' }));
    const hook = await eventually(() => h.slack.hooks[0]);
    await h.adapter.idle();
    assert.equal(h.meetings.count('createOrGet'), 0);
    assert.equal(hook.body.response_type, 'ephemeral');
    assert.match(String(hook.body.text), /but not "fridy"\. Did you mean `\/meet friday 3pm Retro`\?/);
    const offered = buttons(hook.body.blocks);
    assert.equal(offered[0]?.value, '/meet friday 3pm Retro');
    await h.interact(click(h, offered[0] ?? { action_id: '', value: '' }, 'C2147483705', '13345224609.738474920.8088930838d88f008e1'));
    await eventually(() => h.meetings.count('createOrGet') >= 1);
    await h.adapter.idle();
    const [meeting] = [...h.meetings.meetings.values()];
    assert.equal(meeting?.subject, 'Retro');
    // Alice is in New York: a Friday at 15:00 there
    const start = new Date(meeting?.start ?? 0);
    assert.equal(start.toLocaleString('en-US', { timeZone: 'America/New_York', weekday: 'long' }), 'Friday');
    assert.equal(start.toLocaleString('en-US', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }), '15:00');
  });
});
