import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { M365User } from '../../src/meetings/ports';
import { callEventsResource, toCallEvent } from '../../adapters/graph/call-events';
import { alice, bob, chat } from '../fakes';
import { createHarness, type Harness } from '../fakes/harness';

type Kind = 'callStarted' | 'rosterUpdated' | 'callEnded';
interface Step {
  readonly kind: Kind;
  readonly minute: number;
  readonly joined?: readonly M365User[];
  readonly left?: readonly M365User[];
}

/** The resourceData Microsoft's Graph sends: a new `id` for every event, no call id. */
function currentShape(step: Step, at: string): Record<string, unknown> {
  const person = (u: M365User, left: boolean) => ({
    id: randomUUID(),
    info: { identity: { user: { id: u.id, displayName: u.displayName, tenantId: 'tenant-1' } } },
    isInLobby: false,
    ...(left ? { removedState: { reason: 'Participant has left the meeting call.' } } : {}),
  });
  return {
    '@odata.type': '#microsoft.graph.callEvent',
    id: randomUUID(),
    callEventType: step.kind,
    eventDateTime: at,
    ...(step.kind === 'rosterUpdated'
      ? { 'participants@delta': [...(step.joined ?? []).map((u) => person(u, false)), ...(step.left ?? []).map((u) => person(u, true))] }
      : {}),
  };
}

/** The legacy payload: `id` is the meeting filter, the same for every call. */
function legacyShape(step: Step, at: string, joinUrl: string): Record<string, unknown> {
  const filter = `communications/onlineMeetings?$filter=joinWebUrl+eq+'${joinUrl}'`;
  const person = (u: M365User) => ({ id: randomUUID(), identity: { User: { Id: u.id, DisplayName: u.displayName, TenantId: 'tenant-1' } } });
  const type = { callStarted: 'CallStarted', rosterUpdated: 'CallRosterUpdate', callEnded: 'CallEnded' }[step.kind];
  return {
    '@odata.type': '#Microsoft.Graph.onlineMeeting',
    '@odata.id': filter,
    id: filter,
    eventType: `Microsoft.Communication.${type}`,
    eventDateTime: at,
    state: step.kind === 'callEnded' ? 'inactive' : 'active',
    ...(step.kind === 'rosterUpdated'
      ? { 'activeParticipants@joined': (step.joined ?? []).map(person), 'activeParticipants@exited': (step.left ?? []).map(person) }
      : {}),
  };
}

const shapes = { current: currentShape, legacy: legacyShape };

async function instantMeeting(h: Harness) {
  const slack = await h.invoke('/meet now Standup', { as: chat.alice.slack });
  const card = slack.only();
  const meetingId = card.kind === 'card' ? card.card.meetingId : '';
  const joinUrl = h.meetings.meetings.get(meetingId)?.joinUrl ?? '';
  const messageId = slack.refs[0]?.messageId ?? '';
  return { joinUrl, messageId };
}

describe('bot: the call lifecycle from Microsoft-shaped Graph notifications', () => {
  for (const [name, shape] of Object.entries(shapes)) {
    it(`shows live with both people, the right length, then live again on rejoin (${name} payloads)`, async () => {
      const h = createHarness();
      const { joinUrl, messageId } = await instantMeeting(h);
      const start = h.clock.now().getTime();
      const deliver = async (step: Step) => {
        const at = new Date(start + step.minute * 60_000).toISOString();
        const parsed = toCallEvent({ resource: callEventsResource(joinUrl), resourceData: shape(step, at, joinUrl) });
        assert.ok(parsed.ok && parsed.value, 'a readable call event');
        assert.ok(!('callId' in parsed.value), 'Graph names no call, and the parser invents none');
        await h.call(parsed.value);
      };
      const status = () => h.messenger.latest(messageId)?.statusText;

      await deliver({ kind: 'callStarted', minute: 1 });
      await deliver({ kind: 'rosterUpdated', minute: 1, joined: [alice] });
      await deliver({ kind: 'rosterUpdated', minute: 2, joined: [bob] });
      assert.equal(status(), 'Live now: Alice Smith and Bob Jones');

      await deliver({ kind: 'rosterUpdated', minute: 10, left: [alice] });
      assert.equal(status(), 'Live now: Bob Jones');
      await deliver({ kind: 'rosterUpdated', minute: 13, left: [bob] });
      await deliver({ kind: 'callEnded', minute: 13 });
      assert.equal(status(), 'Ended, lasted 12 min');

      await deliver({ kind: 'callEnded', minute: 13 });
      assert.equal(status(), 'Ended, lasted 12 min', 'a repeated delivery changes nothing');

      await deliver({ kind: 'callStarted', minute: 30 });
      await deliver({ kind: 'rosterUpdated', minute: 30, joined: [bob] });
      assert.equal(status(), 'Live now: Bob Jones');
      await deliver({ kind: 'callEnded', minute: 13 });
      assert.equal(status(), 'Live now: Bob Jones', 'a late end of the first call leaves the second one live');

      await deliver({ kind: 'rosterUpdated', minute: 35, left: [bob] });
      await deliver({ kind: 'callEnded', minute: 35 });
      assert.equal(status(), 'Ended, lasted 5 min');
    });
  }
});
