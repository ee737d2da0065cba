// Signed Slack payloads Bolt cannot route, and payloads from workspaces this meetbot does not serve, stop before Bolt.
import { strict as assert } from 'node:assert';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { eventually, fixture, sign, slashCommand, startHarness, type Harness } from '../slack/harness';

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('slack: the gate before Bolt', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => (h = await startHarness()));
  after(async () => h.close());

  const signedJson = (body: string) => h.raw(body, { ...json, ...sign(body) });
  const signedPayload = (payload: unknown) => {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return h.raw(body, { ...form, ...sign(body) });
  };

  it('answers 400 to a signed block_actions payload without a user', async () => {
    const { user: _user, ...rest } = fixture('block-actions.json');
    assert.equal((await signedPayload({ ...rest, team: null })).status, 400);
  });

  it('answers 400 to a signed view_submission without its view', async () => {
    const { view: _view, ...rest } = fixture('view-submission.json');
    assert.equal((await signedPayload(rest)).status, 400);
  });

  it('answers 400 to a signed event envelope whose event is an empty string', async () => {
    assert.equal((await signedJson(JSON.stringify({ ...fixture('app-mention.json'), event: '' }))).status, 400);
  });

  it('answers 400 to signed JSON that does not parse, and 415 to another content type', async () => {
    assert.equal((await signedJson('{"type":"event_callback",')).status, 400);
    const body = '<xml/>';
    assert.equal((await h.raw(body, { 'content-type': 'text/xml', ...sign(body) })).status, 415);
  });

  it('answers 413 to a signed body over 1 MB', async () => {
    const body = JSON.stringify({ ...fixture('app-mention.json'), padding: 'x'.repeat(1_100_000) });
    assert.equal((await signedJson(body)).status, 413);
  });

  it('answers 404 at once to a signed command, click or form no listener takes', async () => {
    assert.equal((await h.command(slashCommand(h, { command: '/deploy' }))).status, 404);
    const click = fixture<{ actions: Array<Record<string, unknown>> }>('block-actions.json');
    assert.equal((await signedPayload({ ...click, actions: [{ ...click.actions[0], action_id: 'not_ours' }] })).status, 404);
    const form = fixture<{ view: Record<string, unknown> }>('view-submission.json');
    assert.equal((await signedPayload({ ...form, view: { ...form.view, callback_id: 'not_ours' } })).status, 404);
  });

  it('tells a slash command from another workspace, ephemerally in the response, that it is not served', async () => {
    const res = await h.command(slashCommand(h, { team_id: 'T0FOREIGN1' }));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { response_type?: string; text?: string };
    assert.equal(body.response_type, 'ephemeral');
    assert.match(String(body.text), /workspace/i);
    assert.equal(h.meetings.calls.length, 0);
  });

  it('refuses an event from another workspace with 403 and posts nothing', async () => {
    const envelope = { ...fixture('app-mention.json'), team_id: 'T0FOREIGN2', authorizations: [{ team_id: 'T0FOREIGN2', user_id: 'UMEETBOT', is_bot: true }] };
    assert.equal((await h.event(envelope)).status, 403);
    await h.adapter.idle();
    assert.equal(h.slack.of('chat.postMessage').length, 0);
  });

  it('reads the workspace where Bolt reads it: an event whose authorization names another team (or "__proto__") is refused', async () => {
    for (const teamId of ['__proto__', 'T0FOREIGN3']) {
      const envelope = { ...fixture('app-mention.json'), event_id: `Ev0AUTH${teamId.length}`, authorizations: [{ enterprise_id: null, team_id: teamId, user_id: 'UMEETBOT', is_bot: true }] };
      assert.equal((await h.event(envelope)).status, 403, teamId);
    }
    assert.equal((await h.event({ ...fixture<Record<string, unknown>>('app-mention.json'), authorizations: [null] })).status, 400);
    assert.equal((await h.event({ ...fixture<Record<string, unknown>>('app-mention.json'), event: { ...fixture<{ event: object }>('app-mention.json').event, user: null } })).status, 400);
  });

  it('still serves its own workspace', async () => {
    assert.equal((await h.command(slashCommand(h))).status, 200);
    await eventually(() => h.slack.of('chat.postMessage')[0]);
    await h.adapter.idle();
  });

  it('keeps memory flat over 10,000 distinct team ids', async () => {
    const send = (i: number) => h.command(slashCommand(h, { team_id: `T${String(i).padStart(9, '0')}`, trigger_id: `13345224609.${i}.8088930838d88f008e0` })).then((r) => r.text());
    for (let i = 0; i < 500; i++) await send(i);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 500; i < 10_500; i += 50) await Promise.all(Array.from({ length: 50 }, (_, k) => send(i + k)));
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.ok(grown < 10 * 1024 * 1024, `heap grew by ${Math.round(grown / 1024)} KiB`);
    assert.equal(h.meetings.calls.length, 1, 'only the own workspace made a meeting');
  });
});
