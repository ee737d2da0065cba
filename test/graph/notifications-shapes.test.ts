import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { CallEvent } from '../../src/lifecycle/types';
import { reduceCall } from '../../src/lifecycle';
import type { CallState } from '../../src/meetings/ports';
import { notificationEnvelopeSchema, toCallEvent } from '../../adapters/graph/call-events';
import { createNotificationsHandler } from '../../adapters/graph/notifications';
import { parseNotificationCertificate } from '../../adapters/graph/encryption';
import { encryptAsGraph, selfSignedCertificate } from './certificate';
import { listen, silentLogger } from './helpers';

const dir = join(__dirname, '..', 'fixtures', 'graph', 'notifications');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const JOIN_URL = readFileSync(join(dir, 'join-url.txt'), 'utf8').trim();
const alice = { id: '550fae72-d251-43ec-868c-373732c2704f', displayName: 'Alice Johnson' };
const bob = { id: 'b2c3d4e5-0002-4b6c-9d7e-8f90a1b2c3d4', displayName: 'Bob Smith' };

function eventsOf(name: string): CallEvent[] {
  return notificationEnvelopeSchema.parse(fixture(name)).value.map((item) => {
    const r = toCallEvent(item);
    assert.ok(r.ok && r.value, `${name}: every item should be a call event`);
    return r.value;
  });
}

/** The resourceData of the first item of a fixture, to vary one field at a time. */
function firstEvent(name: string): Record<string, unknown> {
  const item = notificationEnvelopeSchema.parse(fixture(name)).value[0];
  assert.ok(item?.resourceData);
  return item.resourceData;
}

function parseOne(resourceData: Record<string, unknown>, resource = `communications/onlineMeetings(joinWebUrl='${encodeURIComponent(JOIN_URL)}')/meetingCallEvents`) {
  const r = toCallEvent({ resource, resourceData });
  assert.ok(r.ok);
  return r.value;
}

describe('graph call-event notifications: both documented payload shapes', () => {
  it('reads the current callEvent shape (callEventType, participants@delta) without inventing a call id', () => {
    assert.deepEqual(eventsOf('current-shape.json'), [
      { kind: 'callStarted', joinUrl: JOIN_URL, at: new Date('2026-11-27T10:00:05.123Z') },
      {
        kind: 'rosterUpdated',
        joinUrl: JOIN_URL,
        at: new Date('2026-11-27T10:00:06.500Z'),
        // The guest counts; the recording bot, the unnamed phone caller and Carol in the lobby do not.
        joined: [alice, { id: '8:acs:1b2c3d4e_00000020-aaaa', displayName: 'Dana (external)' }],
        left: [],
      },
      {
        kind: 'rosterUpdated',
        joinUrl: JOIN_URL,
        at: new Date('2026-11-27T10:12:00.000Z'),
        joined: [],
        left: [alice, { id: '8:acs:1b2c3d4e_00000020-aaaa', displayName: 'Dana (external)' }],
      },
      { kind: 'callEnded', joinUrl: JOIN_URL, at: new Date('2026-11-27T10:12:00.200Z') },
    ]);
  });

  it('reads the legacy onlineMeeting shape with activeParticipants@joined/@exited and capitalised identity keys', () => {
    assert.deepEqual(eventsOf('legacy-shape.json'), [
      { kind: 'callStarted', joinUrl: JOIN_URL, at: new Date('2026-11-27T09:00:00Z') },
      {
        kind: 'rosterUpdated',
        joinUrl: JOIN_URL,
        at: new Date('2026-11-27T09:00:30Z'),
        joined: [alice, bob, { id: '8:acs:1b2c3d4e_00000020-bbbb', displayName: 'Erin (guest)' }],
        left: [],
      },
      { kind: 'rosterUpdated', joinUrl: JOIN_URL, at: new Date('2026-11-27T09:25:00Z'), joined: [], left: [bob] },
      { kind: 'callEnded', joinUrl: JOIN_URL, at: new Date('2026-11-27T09:40:00Z') },
    ]);
  });

  it('reads no call id: not from the event id, and not from a callId extra Graph never sends', () => {
    const started = firstEvent('current-shape.json');
    assert.deepEqual(parseOne(started), { kind: 'callStarted', joinUrl: JOIN_URL, at: new Date('2026-11-27T10:00:05.123Z') });
    assert.deepEqual(parseOne({ ...started, callId: 'invented-call' }), parseOne(started));
  });

  it('accepts eventType where the resource type says callEventType, and prefers a known callEventType', () => {
    const { callEventType, ...rest } = firstEvent('current-shape.json');
    assert.equal(callEventType, 'callStarted');
    assert.equal(parseOne({ ...rest, eventType: 'callEnded' })?.kind, 'callEnded');
    assert.equal(parseOne({ ...rest, callEventType: 'rosterUpdated', eventType: 'somethingNew' })?.kind, 'rosterUpdated');
    assert.equal(parseOne({ ...rest, callEventType: 'unknownFutureValue' }), undefined);
    assert.equal(parseOne({ ...rest, callEventType: 'constructor' }), undefined);
  });

  it('reads the roster lists Microsoft\'s Node sample uses (activeParticipants@delta/@remove, Identity.User)', () => {
    const person = (id: string, name: string) => ({ Identity: { User: { Id: id, DisplayName: name } } });
    const event = parseOne({
      eventType: 'Microsoft.Communication.CallRosterUpdate',
      eventDateTime: '2026-11-27T09:00:30Z',
      'activeParticipants@delta': [person(alice.id, alice.displayName)],
      'activeParticipants@remove': [person(bob.id, bob.displayName)],
    });
    assert.deepEqual(event?.kind === 'rosterUpdated' && [event.joined, event.left], [[alice], [bob]]);
  });

  it('skips unreadable participants and keeps the rest', () => {
    const event = parseOne({
      callEventType: 'rosterUpdated',
      eventDateTime: '2026-11-27T10:00:06Z',
      'participants@delta': [42, { info: { identity: 'nobody' } }, { info: { identity: { user: { id: alice.id } } } }],
    });
    assert.deepEqual(event?.kind === 'rosterUpdated' && event.joined, [{ id: alice.id, displayName: alice.id }]);
  });

  it('tells the whole call from Microsoft-shaped events although each carries another id', () => {
    const states = eventsOf('current-shape.json').reduce<CallState[]>((acc, e) => [...acc, reduceCall(acc.at(-1) ?? { state: 'idle' }, e)], []);
    const live = states[1];
    assert.deepEqual(live?.state === 'live' && live.participants.map((p) => p.displayName), ['Alice Johnson', 'Dana (external)']);
    const end = states.at(-1);
    assert.equal(end?.state, 'ended');
    assert.deepEqual(end?.state === 'ended' && [end.startedAt.toISOString(), end.endedAt.toISOString()], ['2026-11-27T10:00:05.123Z', '2026-11-27T10:12:00.200Z']);
  });

  it('decrypts a legacy-shaped rich notification and hands the roster on', async () => {
    const test = selfSignedCertificate();
    const cert = parseNotificationCertificate(test.pem);
    const legacy = notificationEnvelopeSchema.parse(fixture('legacy-shape.json')).value[1];
    assert.ok(legacy?.resourceData);
    const item = {
      ...legacy,
      resourceData: { '@odata.type': '#Microsoft.Graph.onlineMeeting', id: legacy.resourceData.id },
      encryptedContent: encryptAsGraph(legacy.resourceData, test.certificate, cert.id),
    };
    const received: CallEvent[] = [];
    let delivered: () => void = () => undefined;
    const got = new Promise<void>((resolve) => (delivered = resolve));
    const app = express();
    app.use(express.json());
    app.post('/n', createNotificationsHandler({ clientStateOf: async (id) => (id === legacy.subscriptionId ? 'secret-client-state' : undefined), certificate: cert, logger: silentLogger, onEvents: async (events) => void (received.push(...events), delivered()) }));
    const server = await listen(app);
    try {
      const res = await fetch(`${server.url}/n`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: [item] }) });
      assert.equal(res.status, 202);
      await got;
      const [event] = received;
      assert.deepEqual(event?.kind === 'rosterUpdated' && event.joined.map((u) => u.displayName), ['Alice Johnson', 'Bob Smith', 'Erin (guest)']);
      assert.ok(event && !('callId' in event));
    } finally {
      await server.close();
    }
  });
});
