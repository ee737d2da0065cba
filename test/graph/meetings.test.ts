import { strict as assert } from 'node:assert';
import type { MeetingSpec } from '../../src/meetings/ports';
import { isBotError } from '../../src/errors';
import { localBackend, person } from './helpers';

const alice = person('alice');
const bob = person('bob');
const carol = person('carol');

function spec(externalId: string, extra: Partial<MeetingSpec> = {}): MeetingSpec {
  const start = new Date('2030-01-15T10:00:00Z');
  return { externalId, organizer: alice, subject: 'Incident 42', start, end: new Date(start.getTime() + 30 * 60_000), attendees: [bob], ...extra };
}

async function rejectsWith(promise: Promise<unknown>, code: string, params?: Record<string, unknown>): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isBotError(error), `expected a BotError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (params) for (const [k, v] of Object.entries(params)) assert.equal(error.params[k], v, `param ${k}`);
    return true;
  });
}

describe('graph meeting service over the local Graph service', () => {
  it('creates a meeting with join link, meeting ID, passcode, dial-in and the attendees', async () => {
    const t = await localBackend();
    try {
      const { meeting, created } = await t.backend.meetings.createOrGet(spec('evt-1'));
      assert.equal(created, true);
      assert.equal(meeting.subject, 'Incident 42');
      assert.equal(meeting.start.toISOString(), '2030-01-15T10:00:00.000Z');
      assert.equal(meeting.end.toISOString(), '2030-01-15T10:30:00.000Z');
      assert.match(meeting.joinUrl, /^http:\/\/127\.0\.0\.1:\d+\/local\/meetings\//);
      assert.ok(meeting.meetingCode && meeting.passcode, 'meeting ID and passcode');
      assert.ok(meeting.dialIn?.conferenceId);
      assert.equal(meeting.externalId, 'evt-1');
      assert.equal(meeting.organizer.id, alice.id);
      assert.deepEqual(meeting.attendees.map((a) => a.id), [bob.id]);
    } finally {
      await t.close();
    }
  });

  it('returns the same meeting for the same externalId (createOrGet) and makes only one', async () => {
    const t = await localBackend();
    try {
      const first = await t.backend.meetings.createOrGet(spec('evt-2'));
      const second = await t.backend.meetings.createOrGet(spec('evt-2'));
      assert.equal(second.created, false);
      assert.equal(second.meeting.id, first.meeting.id);
      assert.equal(second.meeting.joinUrl, first.meeting.joinUrl);
      assert.equal(t.inserted(), 1);
    } finally {
      await t.close();
    }
  });

  it('gets, updates (start and end together, full attendee list) and cancels a meeting', async () => {
    const t = await localBackend();
    try {
      const { meeting } = await t.backend.meetings.createOrGet(spec('evt-3'));
      const got = await t.backend.meetings.get(alice.id, meeting.id);
      assert.equal(got.joinUrl, meeting.joinUrl);

      const moved = await t.backend.meetings.update(alice.id, meeting.id, { start: new Date('2030-01-15T12:00:00Z') });
      assert.equal(moved.start.toISOString(), '2030-01-15T12:00:00.000Z');
      assert.equal(moved.end.toISOString(), '2030-01-15T12:30:00.000Z', 'the duration is kept when only the start moves');

      const updated = await t.backend.meetings.update(alice.id, meeting.id, { attendees: [bob, carol] });
      assert.deepEqual(updated.attendees.map((a) => a.id).sort(), [bob.id, carol.id].sort());
      assert.equal(updated.subject, meeting.subject, 'the subject is untouched');

      await t.backend.meetings.cancel(alice.id, meeting.id);
      await rejectsWith(t.backend.meetings.get(alice.id, meeting.id), 'meeting_not_found', { id: meeting.id });
    } finally {
      await t.close();
    }
  });

  it('answers meeting_not_found for an unknown meeting on get, update and cancel', async () => {
    const t = await localBackend();
    try {
      await rejectsWith(t.backend.meetings.get(alice.id, 'nope'), 'meeting_not_found', { id: 'nope' });
      await rejectsWith(t.backend.meetings.update(alice.id, 'nope', { attendees: [bob] }), 'meeting_not_found');
      await rejectsWith(t.backend.meetings.cancel(alice.id, 'nope'), 'meeting_not_found');
    } finally {
      await t.close();
    }
  });

  it('answers user_not_found when the organizer is not in the directory', async () => {
    const t = await localBackend();
    try {
      const ghost = { id: '00000000-0000-4000-8000-000000000000', displayName: 'Ghost' };
      await rejectsWith(t.backend.meetings.createOrGet(spec('evt-4', { organizer: ghost })), 'user_not_found', { name: 'Ghost' });
    } finally {
      await t.close();
    }
  });

  it('explains the missing application access policy, naming the user', async () => {
    const t = await localBackend({ usersWithoutPolicy: [alice.id] });
    try {
      await rejectsWith(t.backend.meetings.createOrGet(spec('evt-5')), 'graph_access_policy', { name: 'Alice Johnson' });
    } finally {
      await t.close();
    }
  });

  it("passes Graph's message on for a 400, trimmed", async () => {
    const t = await localBackend();
    try {
      const bad = spec('evt-6', { end: new Date('2030-01-15T09:00:00Z') });
      await assert.rejects(t.backend.meetings.createOrGet(bad), (error: unknown) => {
        assert.ok(isBotError(error));
        assert.equal(error.code, 'graph_bad_request');
        assert.match(String(error.params.detail), /endDateTime.*before/);
        assert.ok(String(error.params.detail).length <= 200);
        return true;
      });
    } finally {
      await t.close();
    }
  });
});
