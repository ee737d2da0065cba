import { strict as assert } from 'node:assert';
import type { CallState, M365User } from '../../src/meetings/ports';
import { reduceCall } from '../../src/lifecycle';
import type { CallEvent } from '../../src/lifecycle/types';

const url = 'https://teams.example/join/1';
const alice: M365User = { id: 'a', displayName: 'Alice' };
const bob: M365User = { id: 'b', displayName: 'Bob' };
const at = (minute: number): Date => new Date(Date.UTC(2025, 2, 5, 12, minute));
const start = (minute: number): CallEvent => ({ kind: 'callStarted', joinUrl: url, at: at(minute) });
const end = (minute: number): CallEvent => ({ kind: 'callEnded', joinUrl: url, at: at(minute) });
const rost = (minute: number, joined: M365User[], left: M365User[] = []): CallEvent => ({ kind: 'rosterUpdated', joinUrl: url, at: at(minute), joined, left });
const run = (events: CallEvent[], from: CallState = { state: 'idle' }): CallState => events.reduce(reduceCall, from);
/** The id a call gets from the time of the first event seen of it. */
const callAt = (minute: number): string => `call@${at(minute).toISOString()}`;

describe('call lifecycle', () => {
  it('goes live when the call starts', () => {
    assert.deepEqual(run([start(0)]), { state: 'live', callId: callAt(0), since: at(0), participants: [] });
  });

  it('tracks who joins and leaves, once each', () => {
    const state = run([start(0), rost(1, [alice]), rost(2, [bob, alice]), rost(3, [], [alice])]);
    assert.equal(state.state, 'live');
    assert.deepEqual(state.state === 'live' && state.participants.map((p) => p.id), ['b']);
  });

  it('stays live with nobody in until Graph says the call ended', () => {
    const state = run([start(0), rost(1, [alice]), rost(5, [], [alice])]);
    assert.deepEqual(state, { state: 'live', callId: callAt(0), since: at(0), participants: [] });
  });

  it('ends with the start and end of the call', () => {
    const state = run([start(0), rost(1, [alice]), rost(12, [], [alice]), end(12)]);
    assert.deepEqual(state, { state: 'ended', callId: callAt(0), startedAt: at(0), endedAt: at(12) });
  });

  it('returns the same state for a repeated event, and for a late one of the ended call', () => {
    const live = run([start(0)]);
    assert.equal(reduceCall(live, start(0)), live);
    const done = reduceCall(live, end(10));
    assert.equal(reduceCall(done, end(10)), done);
    assert.equal(reduceCall(done, rost(9, [alice])), done);
  });

  it('starts a new call when people join again after the call ended', () => {
    const state = run([start(0), end(10), start(20), rost(20, [bob])]);
    assert.deepEqual(state, { state: 'live', callId: callAt(20), since: at(20), participants: [bob], previousEndedAt: at(10) });
  });

  it('ignores a late event of an older call once a newer one started', () => {
    const live = run([start(0), end(10), start(20)]);
    assert.equal(reduceCall(live, rost(5, [alice])), live);
    assert.equal(reduceCall(live, end(10)), live);
  });

  it('never ends a call before it started', () => {
    const state = run([start(5), end(3)]);
    assert.deepEqual(state, { state: 'ended', callId: callAt(5), startedAt: at(5), endedAt: at(5) });
  });
});

describe('call lifecycle by order and time (Graph names no call)', () => {

  it('follows one call from start to end, then a later rejoin as a new live call', () => {
    const states = [start(0), rost(1, [alice]), rost(2, [bob]), rost(9, [], [alice]), rost(12, [], [bob]), end(12), rost(20, [bob]), start(20)]
      .reduce<CallState[]>((acc, e) => [...acc, reduceCall(acc.at(-1) ?? { state: 'idle' }, e)], []);
    assert.deepEqual(states[2], { state: 'live', callId: `call@${at(0).toISOString()}`, since: at(0), participants: [alice, bob] });
    assert.deepEqual(states[4], { state: 'live', callId: `call@${at(0).toISOString()}`, since: at(0), participants: [] });
    assert.deepEqual(states[5], { state: 'ended', callId: `call@${at(0).toISOString()}`, startedAt: at(0), endedAt: at(12) });
    const rejoined = { state: 'live', callId: `call@${at(20).toISOString()}`, since: at(20), participants: [bob], previousEndedAt: at(12) };
    assert.deepEqual(states[6], rejoined);
    assert.equal(states[7], states[6], 'its callStarted at the same time changes nothing');
  });

  it('ignores a late duplicate callEnded, before and after the rejoin', () => {
    const done = run([start(0), rost(1, [alice]), end(10)]);
    assert.equal(reduceCall(done, end(10)), done);
    assert.equal(reduceCall(done, rost(10, [], [alice])), done);
    const again = run([rost(20, [bob])], done);
    assert.equal(again.state, 'live');
    assert.equal(reduceCall(again, end(10)), again, 'the old call ending again does not end the new one');
    assert.equal(reduceCall(again, rost(5, [alice])), again, 'nor does a late roster of the old call change it');
  });

  it('starts no new call from a leave or a second end heard after the end (two sources report one call)', () => {
    const done = run([start(0), rost(1, [alice]), rost(10, [], [alice]), end(10)]);
    assert.equal(reduceCall(done, rost(11, [], [alice])), done);
    assert.equal(reduceCall(done, end(11)), done);
    assert.equal(reduceCall(done, rost(12, [bob])).state, 'live', 'a join still starts the next call');
  });

  it('treats a roster update before callStarted as the start, keeping the earlier time', () => {
    assert.deepEqual(run([rost(2, [alice]), start(1)]), { state: 'live', callId: `call@${at(2).toISOString()}`, since: at(1), participants: [alice] });
  });

  it('keeps one call across events that name none (Graph\'s per-event ids are not call ids)', () => {
    // Were each event's own id taken as its call id, every event would open a new call: roster lost, length 0.
    const mid = run([start(0), rost(1, [alice]), rost(2, [bob])]);
    assert.deepEqual(mid.state === 'live' && [mid.since, mid.participants], [at(0), [alice, bob]]);
    const state = run([rost(13, [], [alice, bob]), end(13)], mid);
    assert.deepEqual(state, { state: 'ended', callId: `call@${at(0).toISOString()}`, startedAt: at(0), endedAt: at(13) });
  });

  it('returns the same state for a repeated roster update', () => {
    const live = run([start(0), rost(1, [alice])]);
    assert.equal(reduceCall(live, rost(1, [alice])), live);
  });

  it('records a call it only heard the end of, and starts the next one after it', () => {
    const done = run([end(7)]);
    assert.deepEqual(done, { state: 'ended', callId: `call@${at(7).toISOString()}`, startedAt: at(7), endedAt: at(7) });
    assert.deepEqual(reduceCall(done, start(9)), { state: 'live', callId: `call@${at(9).toISOString()}`, since: at(9), participants: [], previousEndedAt: at(7) });
  });
});
