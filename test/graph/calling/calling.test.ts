// The calling service over a fake Calls client: invites in fives once established, answers from the roster,
// declines and unanswered rings from finished invite operations, and timeouts on a fake clock.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { CallEvent, M365User, Meeting, RingEvent } from '../../../src/bot-api';
import { createCalling } from '../../../adapters/graph/calling';
import type { CallsClient } from '../../../adapters/graph/calls';
import { parseCommsNotifications } from '../../../adapters/graph/comms-notifications';
import { silentLogger } from '../helpers';

const CALL = '57dab8b1-894c-409a-b240-bd8beae78896';
const person = (n: number): M365User => ({ id: `8b081ef6-4792-4def-b2c9-c363a1bf41d${n}`, displayName: `Person ${n}` });
const meeting: Meeting = {
  id: 'MSpkYzE3Njc0Yy04MWQ5LTRhZGItYmZiMi04ZjZhNDQyZTRmZDAqMCoqMTk6bWVldGluZ19OMk0=',
  subject: 'Sev1', start: new Date('2026-12-01T12:00:00Z'), end: new Date('2026-12-01T12:30:00Z'),
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_N2M%40thread.v2/0', chatThreadId: '19:meeting_N2M@thread.v2',
  organizer: person(0), attendees: [], createdAt: new Date('2026-12-01T12:00:00Z'),
};

const state = (s: string, resultInfo?: object) => ({ changeType: s === 'terminated' ? 'deleted' : 'updated', resourceUrl: `/communications/calls/${CALL}`, resourceData: { '@odata.type': '#microsoft.graph.call', state: s, ...(resultInfo ? { resultInfo } : {}) } });
const roster = (people: readonly M365User[]) => ({
  changeType: 'updated', resourceUrl: `/communications/calls/${CALL}/participants`,
  resourceData: [{ id: 'bot', info: { identity: { application: { id: 'app', displayName: 'meetbot' } } } }, ...people.map((u) => ({ id: `p-${u.id}`, info: { identity: { user: { id: u.id, displayName: u.displayName } } }, isInLobby: false }))],
});
const operation = (clientContext: string, status: string, code: number) => ({ changeType: 'deleted', resourceUrl: `/communications/calls/${CALL}/operations/op-${clientContext}`, resourceData: { '@odata.type': '#microsoft.graph.inviteParticipantsOperation', status, clientContext, resultInfo: { code, subcode: 0 } } });

function setup() {
  const clock = sinon.useFakeTimers({ now: new Date('2026-12-01T12:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const calls = {
    join: sinon.spy(async () => ({ id: CALL, state: 'establishing' })),
    invite: sinon.spy(async (_id: string, _people: readonly M365User[], context: string) => `op-${context}`),
    hangUp: sinon.spy(async () => undefined),
    keepAlive: sinon.spy(async () => undefined),
  } satisfies CallsClient;
  const rings: RingEvent[] = [];
  const events: CallEvent[] = [];
  const calling = createCalling({ calls, callbackUri: () => 'https://meetbot.contoso.com/api/calls', clock: { now: () => new Date() }, logger: silentLogger, sink: { ring: async (e) => void rings.push(e), call: async (e) => void events.push(e) } });
  const deliver = (...items: unknown[]) => calling.handle(parseCommsNotifications({ value: items }) ?? []);
  return { clock, calls, rings, events, calling, deliver };
}

describe('the calling service', () => {
  let env: ReturnType<typeof setup>;
  beforeEach(() => (env = setup()));
  afterEach(() => {
    env.calling.stop();
    env.clock.restore();
  });

  it('invites nobody before the leg is established, then everyone not in yet, at most 5 per request', async () => {
    const people = [1, 2, 3, 4, 5, 6, 7].map(person);
    assert.equal(await env.calling.ring(meeting, people), CALL);
    assert.equal(env.calls.invite.callCount, 0);
    await env.deliver(state('establishing'), roster([person(3)]), state('established'));
    assert.deepEqual(env.calls.invite.args.map((a) => a[1].map((u) => u.displayName)), [['Person 1', 'Person 2', 'Person 4', 'Person 5', 'Person 6'], ['Person 7']]);
    assert.deepEqual(env.events.map((e) => e.kind === 'rosterUpdated' && e.joined.map((u) => u.displayName)), [['Person 3']], 'the bot is no person');
    assert.deepEqual(env.rings, [{ kind: 'outcome', meetingId: meeting.id, callId: CALL, userId: person(3).id, outcome: 'answered' }], 'who is in already counts as answered');
    assert.deepEqual(env.calls.invite.args.map((a) => a[2]), ['ring:0', 'ring:1']);
  });

  it('rings from the leg that follows the call, instead of joining the meeting twice', async () => {
    await env.calling.watch(meeting);
    await env.deliver(state('established'));
    assert.equal(await env.calling.ring(meeting, [person(1)]), CALL);
    assert.equal(env.calls.join.callCount, 1);
    assert.deepEqual(env.calls.invite.args.map((a) => a[1].map((u) => u.displayName)), [['Person 1']]);
  });

  it('reports answers from the roster and declines or no answer from the invite operation', async () => {
    await env.calling.ring(meeting, [person(1), person(2), person(3)]);
    await env.deliver(state('established'));
    await env.deliver(roster([person(1)]));
    await env.deliver(operation('ring:0', 'failed', 603));
    assert.deepEqual(env.rings.map((r) => r.kind === 'outcome' && [r.userId.slice(-1), r.outcome]), [['1', 'answered'], ['2', 'declined'], ['3', 'declined']]);
  });

  it('counts a ring as not answered after the timeout', async () => {
    await env.calling.ring(meeting, [person(1)]);
    await env.deliver(state('established'));
    await env.clock.tickAsync(90_000);
    assert.deepEqual(env.rings.map((r) => r.kind === 'outcome' && r.outcome), ['missed']);
  });

  it('leaves a leg that never got in, so the card does not ring forever', async () => {
    await env.calling.ring(meeting, [person(2)]);
    await env.clock.tickAsync(90_000);
    assert.deepEqual(env.rings, [{ kind: 'left', meetingId: meeting.id, callId: CALL, failed: true }]);
    assert.equal(env.calls.hangUp.callCount, 1);
  });

  it('keeps a long leg alive, and reports its end', async () => {
    await env.calling.watch(meeting);
    await env.deliver(state('established'));
    await env.clock.tickAsync(31 * 60_000);
    assert.equal(env.calls.keepAlive.callCount, 2);
    await env.deliver(state('terminated', { code: 200, subcode: 5002, message: 'ended as all other participants have left' }));
    assert.deepEqual(env.rings, [{ kind: 'left', meetingId: meeting.id, callId: CALL }]);
  });
});
