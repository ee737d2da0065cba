// The "done when", in the playground: after bob and carol join and leave, the conversation gets the summary
// with their minutes, right after the card, which counts who came.
import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from '../server/start';
import { until } from '../calendar/slack-server';

interface Msg {
  readonly id: string;
  readonly text?: string;
  readonly card?: { readonly fallbackText: string; readonly slack: { readonly text: string } };
}

describe('the summary after a call, in the playground', function () {
  this.timeout(60_000);
  let t: TestServer;
  before(async () => (t = await startTestServer({})));
  after(() => t?.stop());

  it('follows the card in the conversation once bob and carol have left', async () => {
    const sent = await fetch(`${t.url}/playground/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'alice', conversation: 'general', text: '/meet now Review @bob @carol @dmitry' }) });
    assert.equal(sent.status, 200);
    const history = async (): Promise<Msg[]> => ((await (await fetch(`${t.url}/playground/api/messages?as=alice&conversation=general`)).json()) as { messages: Msg[] }).messages;
    const card = await until(async () => (await history()).find((m) => m.card));
    const token = /\/local\/meetings\/([\w-]+)\?/.exec(card.card?.fallbackText ?? '')?.[1];
    assert.ok(token, 'the card carries the join link');
    await until(async () => ((await (await fetch(`${t.url}/local/graph/v1.0/subscriptions`)).json()) as { value: unknown[] }).value.length === 1 || undefined);
    for (const [kind, user] of [['join', 'bob'], ['join', 'carol'], ['leave', 'bob'], ['leave', 'carol']] as const) {
      const r: Response = await fetch(`${t.url}/local/meetings/${token}/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
      assert.equal(r.status, 200, await r.text());
    }
    const summary = await until(async () => (await history()).find((m) => m.text?.startsWith('Call summary: Review')));
    assert.match(summary.text ?? '', /• Bob Smith: less than a minute\n• Carol Martinez: less than a minute\n/);
    assert.match(summary.text ?? '', /Invited but did not come: Alice Johnson and Дмитрий Иванов/);
    const updated = await until(async () => (await history()).find((m) => m.id === card.id && /2 of 4 attended/.test(m.card?.fallbackText ?? '')));
    assert.ok(updated);
  });
});
