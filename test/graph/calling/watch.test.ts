// Following a call from inside it (v1.0 only: no meetingCallEvents subscription): the bot's silent leg in the local
// service, its callbacks over real HTTP, and the roster it reports matching the join page's through join, leave and
// rejoin; the bot leaves when the last person has left.
import { strict as assert } from 'node:assert';
import express from 'express';
import { reduceCall } from '../../../src/lifecycle';
import type { CallEvent, CallState, RingEvent } from '../../../src/bot-api';
import { createCalling, type Calling } from '../../../adapters/graph/calling';
import { createCallsClient } from '../../../adapters/graph/calls';
import { callsRoute } from '../../../adapters/server/calls-route';
import { LOCAL_TENANT_ID } from '../../../adapters/graph/local';
import { listen, localBackend, person, silentLogger } from '../helpers';

async function until<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('following a call from inside it', function () {
  this.timeout(20_000);
  let env: Awaited<ReturnType<typeof localBackend>>;
  let receiver: Awaited<ReturnType<typeof listen>>;
  let calling: Calling;
  let state: CallState = { state: 'idle' };
  const events: CallEvent[] = [];
  const rings: RingEvent[] = [];

  before(async () => {
    env = await localBackend();
    const app = express();
    app.post('/api/calls', ...callsRoute({ logger: silentLogger, onItems: (items) => calling.handle(items) }));
    receiver = await listen(app);
    calling = createCalling({
      calls: createCallsClient(env.backend.client, LOCAL_TENANT_ID),
      callbackUri: () => `${receiver.url}/api/calls`,
      clock: { now: () => new Date() },
      logger: silentLogger,
      sink: {
        ring: async (event) => void rings.push(event),
        call: async (event) => {
          events.push(event);
          state = reduceCall(state, event);
        },
      },
    });
  });
  after(async () => {
    calling.stop();
    await receiver?.close();
    await env?.close();
  });

  const inCall = (): string[] => (state.state === 'live' ? state.participants.map((p) => p.id).sort() : []);

  it('keeps who is in exactly as the join page has it, through join, leave and rejoin, and leaves after the last person', async () => {
    const start = new Date(Date.now() - 60_000);
    const { meeting } = await env.backend.meetings.createOrGet({ externalId: 'watch-1', organizer: person('alice'), subject: 'Sev1 bridge', start, end: new Date(start.getTime() + 1_800_000), attendees: [person('bob'), person('carol')] });
    const callId = await calling.watch(meeting);
    const calls = env.server.graph.calls;
    const pageRoster = async (): Promise<string[]> => ((await calls.roster(meeting.id))?.users ?? []).map((u) => u.id).sort();
    const matches = async () => {
      const expected = await pageRoster();
      return JSON.stringify(inCall()) === JSON.stringify(expected) ? expected : undefined;
    };

    for (const [kind, who] of [['join', 'alice'], ['join', 'bob'], ['leave', 'alice'], ['join', 'carol'], ['join', 'alice'], ['leave', 'bob']] as const) {
      if (kind === 'join') await calls.join(meeting.id, who);
      else await calls.leave(meeting.id, who);
      const roster = await until(matches);
      assert.ok(roster.includes(person(who).id) === (kind === 'join'), `${who} ${kind}s`);
    }
    assert.equal(events.filter((e) => e.kind === 'callEnded').length, 0, 'the call goes on while people are in');
    assert.ok(!inCall().some((id) => id === '3f6a7c1e-8d52-4b7a-9c3e-1a2b3c4d5e6f'), 'the bot is not a person in the call');

    await calls.leave(meeting.id, 'carol');
    await calls.leave(meeting.id, 'alice');
    await until(() => rings.find((r) => r.kind === 'left' && r.callId === callId));
    assert.equal(state.state, 'ended');
    assert.equal(events.filter((e) => e.kind === 'callEnded').length, 1);
  });
});
