// The Slack pane's Reschedule form starts from the meeting itself, in the clicker's zone and language.
import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from '../server/start';

interface Form {
  ok: boolean;
  text?: string;
  labels?: Record<string, string>;
  values?: { date: string; time: string; durationMinutes: number };
}

describe('playground reschedule form', function () {
  this.timeout(30_000);
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.stop());

  async function meeting(text: string): Promise<string> {
    const res = await fetch(`${t.url}/playground/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'alice', conversation: 'general', text }) });
    const json = (await res.json()) as { messages: Array<{ card?: { meetingId: string } }> };
    const id = json.messages.find((m) => m.card)?.card?.meetingId;
    assert.ok(id, JSON.stringify(json));
    return id;
  }

  const form = async (as: string, meetingId: string): Promise<Form> =>
    (await (await fetch(`${t.url}/playground/api/reschedule-form?as=${as}&conversation=general&meeting=${encodeURIComponent(meetingId)}`)).json()) as Form;

  it("starts at the meeting's own date, time and length, in each reader's zone and language", async () => {
    const id = await meeting('/meet 2030-03-04 09:00 for 60 minutes Planning @dmitry');
    const alice = await form('alice', id);
    assert.deepEqual(alice.values, { date: '2030-03-04', time: '09:00', durationMinutes: 60 });
    assert.equal(alice.labels?.time, 'Time');
    // 09:00 in Los Angeles is 20:00 in Moscow, and dmitry reads Russian.
    const dmitry = await form('dmitry', id);
    assert.deepEqual(dmitry.values, { date: '2030-03-04', time: '20:00', durationMinutes: 60 });
    assert.equal(dmitry.labels?.time, 'Время');
  });

  it('explains, in words, a meeting that is gone', async () => {
    const answer = await form('alice', 'no-such-meeting');
    assert.equal(answer.ok, false);
    assert.match(answer.text ?? '', /couldn't find that meeting/);
  });
});
