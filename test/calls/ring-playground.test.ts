// The playground: alice types `/meet now Sev1 @bob @carol ring`; bob's join page rings, he answers and is in the call,
// carol declines; the card says so; the bot leaves. Also with Teams credentials, where the embedded service signs its
// Calls API callbacks and /api/calls checks them.
import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from '../server/start';
import { until } from '../calendar/slack-server';

interface Msg {
  card?: { meetingId: string; fallbackText: string };
}

for (const [label, env] of [['in local mode', {}], ['in local mode with Teams credentials', { MICROSOFT_APP_ID: '0efc74f7-41c3-47a4-8775-7259bfef4241', MICROSOFT_APP_PASSWORD: 'playground-ring-password' }]] as const) {
  describe(`ringing from the playground, ${label}`, function () {
    this.timeout(30_000);
    let t: TestServer;
    before(async () => {
      t = await startTestServer(env);
    });
    after(() => t?.stop());

    const card = async (): Promise<string | undefined> => {
      const res = await fetch(`${t.url}/playground/api/messages?as=alice&conversation=general`);
      const { messages } = (await res.json()) as { messages: Msg[] };
      return messages.find((m) => m.card)?.card?.fallbackText;
    };
    const cardSays = (pattern: RegExp) => until(async () => (pattern.test((await card()) ?? '') ? true : undefined));

    it('rings bob and carol; bob answers, carol declines, the card says so and the bot leaves', async () => {
      const typed = await fetch(`${t.url}/playground/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'alice', conversation: 'general', text: '/meet now Sev1 @bob @carol ring' }) });
      assert.equal(typed.status, 200);
      const token = /\/local\/meetings\/([\w-]+)/.exec((await card()) ?? '')?.[1];
      assert.ok(token, 'the card carries the join URL');
      await cardSays(/Ringing Bob Smith and Carol Martinez/);
      const page = async () => (await fetch(`${t.url}/local/meetings/${token}`)).text();
      await until(async () => ((await page()).includes('Incoming call for Bob Smith') ? true : undefined));
      const act = (kind: string, user: string) => fetch(`${t.url}/local/meetings/${token}/${kind}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
      assert.equal((await act('answer', 'bob')).status, 200);
      assert.equal((await act('decline', 'carol')).status, 200);
      await cardSays(/Bob Smith answered · Carol Martinez declined/);
      await until(async () => (!(await page()).includes('(app)') ? true : undefined));
      assert.match(await page(), /Live since [^<]*: Bob Smith</);
      assert.deepEqual(t.logs().filter((l) => /refused/.test(String(l.msg))), [], 'no callback was refused');
    });
  });
}
