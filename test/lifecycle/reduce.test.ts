import { strict as assert } from 'node:assert';
import type { CallState, M365User } from '../../src/meetings/ports';
import { reduceCall } from '../../src/lifecycle';
import type { CallEvent } from '../../src/lifecycle/types';

const url = 'https://teams.example/join/1';
const alice: M365User = { id: 'a', displayName: 'Alice' };
const bob: M365User = { id: 'b', displayName: 'Bob' };
const at = (minute: number): Date => new Date(Date.UTC(2025, 2, 5, 12, minute));
const started = (callId: string, minute: number): CallEvent => ({ kind: 'callStarted', joinUrl: url, callId, at: at(minute) });
const ended = (callId: string, minute: number): CallEvent => ({ kind: 'callEnded', joinUrl: url, callId, at: at(minute) });
const roster = (callId: string, minute: number, joined: M365User[], left: M365User[] = []): CallEvent => ({
  kind: 'rosterUpdated', joinUrl: url, callId, at: at(minute), joined, left,
});
const run = (events: CallEvent[], from: CallState = { state: 'idle' }): CallState => events.reduce(reduceCall, from);

describe('call lifecycle', () => {
  it('goes live when the call starts', () => {
    assert.deepEqual(run([started('c1', 0)]), { state: 'live', callId: 'c1', since: at(0), participants: [] });
  });

  it('tracks who joins and leaves, once each', () => {
    const state = run([started('c1', 0), roster('c1', 1, [alice]), roster('c1', 2, [bob, alice]), roster('c1', 3, [], [alice])]);
    assert.equal(state.state, 'live');
    assert.deepEqual(state.state === 'live' && state.participants.map((p) => p.id), ['b']);
  });

  it('stays live with nobody in until Graph says the call ended', () => {
    const state = run([started('c1', 0), roster('c1', 1, [alice]), roster('c1', 5, [], [alice])]);
    assert.deepEqual(state, { state: 'live', callId: 'c1', since: at(0), participants: [] });
  });

  it('ends with the start and end of the call', () => {
    const state = run([started('c1', 0), roster('c1', 1, [alice]), roster('c1', 12, [], [alice]), ended('c1', 12)]);
    assert.deepEqual(state, { state: 'ended', callId: 'c1', startedAt: at(0), endedAt: at(12) });
  });

  it('treats a roster update before callStarted as the start, keeping the earlier time', () => {
    const state = run([roster('c1', 2, [alice]), started('c1', 1)]);
    assert.deepEqual(state, { state: 'live', callId: 'c1', since: at(1), participants: [alice] });
  });

  it('returns the same state for a repeated event', () => {
    const live = run([started('c1', 0)]);
    assert.equal(reduceCall(live, started('c1', 0)), live);
    const done = reduceCall(live, ended('c1', 10));
    assert.equal(reduceCall(done, ended('c1', 10)), done);
    assert.equal(reduceCall(done, roster('c1', 11, [alice])), done);
  });

  it('starts a new call when people join again after the call ended', () => {
    const state = run([started('c1', 0), ended('c1', 10), started('c2', 20), roster('c2', 20, [bob])]);
    assert.deepEqual(state, { state: 'live', callId: 'c2', since: at(20), participants: [bob] });
  });

  it('ignores a late event of an older call once a newer one started', () => {
    const live = run([started('c1', 0), ended('c1', 10), started('c2', 20)]);
    assert.equal(reduceCall(live, roster('c1', 5, [alice])), live);
    assert.equal(reduceCall(live, ended('c1', 10)), live);
  });

  it('records a call it only heard the end of as ended', () => {
    assert.deepEqual(run([ended('c1', 7)]), { state: 'ended', callId: 'c1', startedAt: at(7), endedAt: at(7) });
  });

  it('never ends a call before it started', () => {
    const state = run([started('c1', 5), ended('c1', 3)]);
    assert.deepEqual(state, { state: 'ended', callId: 'c1', startedAt: at(5), endedAt: at(5) });
  });
});
