// The playground keeps its conversations in the store: after a restart on the same database, they are all there.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../server/start';

interface Msg {
  id: string;
  author: { kind: string };
  text?: string;
  visibleTo?: string;
  card?: { meetingId: string };
}

async function say(url: string, as: string, text: string): Promise<Msg[]> {
  const res = await fetch(`${url}/playground/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, conversation: 'general', text }) });
  return ((await res.json()) as { messages: Msg[] }).messages;
}

async function history(url: string, as: string): Promise<Msg[]> {
  const res = await fetch(`${url}/playground/api/messages?as=${as}&conversation=general`);
  return ((await res.json()) as { messages: Msg[] }).messages;
}

describe('playground history across a restart', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'meetbot-playground-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows every message, card and private reply again after the server restarts on the same database', async () => {
    const env = { MEETBOT_DB: join(dir, 'meetbot.db') };
    const first = await startTestServer(env);
    let before: { alice: Msg[]; bob: Msg[] };
    try {
      await say(first.url, 'alice', '/meet now Kept across restarts @bob');
      await say(first.url, 'alice', '/meet help');
      before = { alice: await history(first.url, 'alice'), bob: await history(first.url, 'bob') };
    } finally {
      await first.stop();
    }
    assert.ok(before.alice.some((m) => m.card), 'a card was posted');
    assert.ok(before.alice.some((m) => m.visibleTo === 'alice'), 'a private reply was posted');
    const second = await startTestServer(env);
    try {
      assert.deepEqual(await history(second.url, 'alice'), before.alice);
      assert.deepEqual(await history(second.url, 'bob'), before.bob, "others still don't see alice's private replies");
      const more = await say(second.url, 'bob', 'hello');
      const after = await history(second.url, 'bob');
      assert.deepEqual(after.map((m) => m.id), [...before.bob.map((m) => m.id), ...more.map((m) => m.id)], 'new messages come after the kept ones');
    } finally {
      await second.stop();
    }
  });
});
