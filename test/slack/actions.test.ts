import { strict as assert } from 'node:assert';
import { eventually, fixture, slashCommand, startHarness, type Harness } from './harness';

type Payload = Record<string, unknown> & { actions: Record<string, unknown>[]; view: Record<string, unknown> };

describe('slack adapter: card buttons and modals', () => {
  let h: Harness;
  let meetingId: string;
  let ts: string;

  beforeEach(async () => {
    h = await startHarness();
    await h.command(slashCommand(h, { text: 'tomorrow 15:00 30m Planning <@UBOB>' }));
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    ts = String(h.store.cards[0]?.ref.messageId);
    meetingId = String(h.store.cards[0]?.meetingId);
    assert.match(JSON.stringify(post.args.blocks), new RegExp(`"value":"${meetingId}"`));
    h.slack.calls.length = 0;
  });
  afterEach(async () => h.close());

  function click(actionId: string, userId: string): Payload {
    const payload = fixture<Payload>('block-actions.json', { 'http://127.0.0.1:PORT/': `${h.slack.url}/`, MEETING_ID: meetingId, '1700000100.000200': ts });
    payload.actions = [{ ...payload.actions[0], action_id: actionId }];
    payload.user = { id: userId, username: userId.toLowerCase(), team_id: 'T0001' };
    return payload;
  }

  it('adds the clicker and updates the card in place with chat.update', async () => {
    assert.equal((await h.interact(click('meetbot_add_me', 'UCAROL'))).status, 200);
    const update = await eventually(() => h.slack.of('chat.update')[0]);
    await h.adapter.idle();
    assert.equal(update.args.channel, 'C2147483705');
    assert.equal(update.args.ts, ts);
    assert.match(JSON.stringify(update.args.blocks), /<@UCAROL>/);
    assert.equal(h.slack.of('chat.update').length, 1, 'the clicked card is updated once');
  });

  it('confirms Add me privately, naming the meeting and linking to its card by permalink', async () => {
    await h.interact(click('meetbot_add_me', 'UCAROL'));
    const hook = await eventually(() => h.slack.hooks.find((x) => x.path.startsWith('/hooks/actions')));
    await h.adapter.idle();
    assert.equal(hook.body.response_type, 'ephemeral');
    const permalink = h.slack.of('chat.getPermalink')[0];
    assert.deepEqual(permalink?.args, { channel: 'C2147483705', message_ts: ts });
    assert.equal(
      hook.body.text,
      `Carol White was added to "Planning".\n<https://contoso.slack.com/archives/C2147483705/p${ts.replace('.', '')}|Open the meeting card>`,
    );
  });

  it('lets only the organizer cancel: others get an ephemeral refusal and the meeting stays', async () => {
    await h.interact(click('meetbot_cancel', 'UBOB'));
    const hook = await eventually(() => h.slack.hooks.find((x) => x.path.startsWith('/hooks/actions')));
    await h.adapter.idle();
    assert.equal(hook.body.response_type, 'ephemeral');
    assert.equal(hook.body.replace_original, false);
    assert.ok(String(hook.body.text).length > 0);
    assert.equal(h.meetings.count('cancel'), 0);
    assert.equal(h.slack.of('chat.update').length, 0);
  });

  it('cancels for the organizer and shows the card as cancelled, without the join button', async () => {
    await h.interact(click('meetbot_cancel', 'UALICE'));
    const update = await eventually(() => h.slack.of('chat.update')[0]);
    await h.adapter.idle();
    assert.equal(h.meetings.count('cancel'), 1);
    const json = JSON.stringify(update.args.blocks);
    assert.doesNotMatch(json, /meetbot_join/);
    assert.match(json, /Cancelled/);
  });

  it('acks a click on the Join link button and does nothing else', async () => {
    assert.equal((await h.interact(click('meetbot_join', 'UBOB'))).status, 200);
    await h.adapter.idle();
    assert.deepEqual(h.slack.calls, []);
  });

  it('opens the reschedule modal prefilled in the clicker’s zone', async () => {
    await h.interact(click('meetbot_reschedule', 'UALICE'));
    const open = await eventually(() => h.slack.of('views.open')[0]);
    const view = open.args.view as { callback_id: string; private_metadata: string; blocks: { block_id: string; element: Record<string, unknown> }[] };
    assert.equal(view.callback_id, 'meetbot_reschedule_modal');
    assert.deepEqual(JSON.parse(view.private_metadata), { meetingId, channelId: 'C2147483705', messageTs: ts, responseUrl: `${h.slack.url}/hooks/actions/T0001/42/abc` });
    const time = view.blocks.find((b) => b.block_id === 'time');
    assert.equal(time?.element.initial_time, '15:00', 'tomorrow 15:00 in Alice’s New York zone');
    assert.equal(view.blocks.find((b) => b.block_id === 'duration')?.element.initial_value, '30');
  });

  function submission(values: Record<string, unknown>, meta: object): Payload {
    const payload = fixture<Payload>('view-submission.json');
    payload.view = { ...payload.view, private_metadata: JSON.stringify(meta), state: { values } };
    return payload;
  }

  it('sends invalid modal values back to the form as errors', async () => {
    const res = await h.interact(submission({ date: { value: { type: 'datepicker', selected_date: null } }, time: { value: { type: 'timepicker', selected_time: '10:00' } }, duration: { value: { type: 'number_input', value: '0' } } }, { meetingId }));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    assert.equal(body.response_action, 'errors');
    assert.deepEqual(Object.keys(body.errors).sort(), ['date', 'duration']);
  });

  it('reschedules from the modal and updates the clicked card', async () => {
    const fields = fixture<Payload>('view-submission.json').view.state as { values: Record<string, unknown> };
    const res = await h.interact(submission(fields.values, { meetingId, channelId: 'C2147483705', messageTs: ts }));
    assert.equal(res.status, 200);
    const update = await eventually(() => h.slack.of('chat.update').find((u) => u.args.ts === ts));
    await h.adapter.idle();
    const meeting = h.meetings.meetings.get(meetingId);
    assert.equal(meeting?.start.toISOString(), '2030-01-10T21:30:00.000Z', '16:30 in New York');
    assert.equal((meeting?.end.getTime() ?? 0) - (meeting?.start.getTime() ?? 0), 45 * 60_000);
    assert.match(JSON.stringify(update.args.blocks), /<!date\^1894311000\^/);
  });

  it('opens the schedule form for /meet schedule and posts its meeting in that channel', async () => {
    await h.command(slashCommand(h, { text: 'schedule', trigger_id: 'trigger-schedule' }));
    const open = await eventually(() => h.slack.of('views.open')[0]);
    const view = open.args.view as { callback_id: string; private_metadata: string };
    assert.equal(open.args.trigger_id, 'trigger-schedule');
    assert.equal(view.callback_id, 'meetbot_schedule_modal');
    const values = {
      subject: { value: { type: 'plain_text_input', value: 'Budget "Q3" <!channel>' } },
      people: { value: { type: 'multi_users_select', selected_users: ['UBOB', 'UCAROL'] } },
      date: { value: { type: 'datepicker', selected_date: '2030-02-01' } },
      time: { value: { type: 'timepicker', selected_time: '09:00' } },
      duration: { value: { type: 'number_input', value: '60' } },
    };
    const payload = submission(values, JSON.parse(view.private_metadata) as object);
    payload.view = { ...payload.view, id: 'V0SCHEDULE', callback_id: 'meetbot_schedule_modal' };
    assert.equal((await h.interact(payload)).status, 200);
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    assert.equal(post.args.channel, 'C2147483705');
    const json = JSON.stringify(post.args.blocks);
    // The form's subject reaches the core as typed, never re-read as a command; Slack gets it escaped, so no ping.
    assert.match(json, /Budget \\"Q3\\" &lt;!channel&gt;/);
    assert.doesNotMatch(json, /<!channel>/);
    const meeting = [...h.meetings.meetings.values()].find((m) => m.externalId?.includes('V0SCHEDULE') || m.subject?.startsWith('Budget'));
    assert.equal(meeting?.subject, 'Budget "Q3" <!channel>');
    assert.equal(meeting?.start.toISOString(), '2030-02-01T14:00:00.000Z');
    assert.deepEqual(meeting?.attendees.map((a) => a.id), ['aad-bob', 'aad-carol']);
  });

  it('opens the schedule form from the global shortcut and answers in a direct message', async () => {
    await h.interact(fixture('shortcut.json'));
    const open = await eventually(() => h.slack.of('views.open')[0]);
    const view = open.args.view as { private_metadata: string };
    const values = {
      date: { value: { type: 'datepicker', selected_date: '2030-03-01' } },
      time: { value: { type: 'timepicker', selected_time: '11:00' } },
      duration: { value: { type: 'number_input', value: '30' } },
    };
    const payload = submission(values, JSON.parse(view.private_metadata) as object);
    payload.view = { ...payload.view, id: 'V0SHORTCUT', callback_id: 'meetbot_schedule_modal' };
    await h.interact(payload);
    const post = await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
    assert.equal(h.slack.of('conversations.open')[0]?.args.users, 'UALICE');
    assert.equal(post.args.channel, 'DUALICE');
  });
});
