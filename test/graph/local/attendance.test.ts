// Attendance reports of the local Graph: one per ended call, with Graph's shapes, per-person intervals and totals.
import { strict as assert } from 'node:assert';
import { DEFAULT_DIRECTORY, startLocalGraphServer, type LocalGraphServer } from '../../../adapters/graph/local';
import { assertGraphError, assertShape, call, fixture } from './helpers';

const [alice, bob, carol] = DEFAULT_DIRECTORY as [typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0]];

describe('local Graph: attendance reports', () => {
  let server: LocalGraphServer;
  let minute = 0;
  let meetingId: string;
  const base = () => `/users/${alice.id}/onlineMeetings/${encodeURIComponent(meetingId)}/attendanceReports`;

  beforeEach(async () => {
    const t0 = Date.parse('2026-03-05T15:00:00Z');
    server = await startLocalGraphServer({ now: () => new Date(t0 + minute * 60_000) });
    const created = await call(server.url, 'POST', `/users/${alice.id}/onlineMeetings/createOrGet`, { externalId: 'attendance', subject: 'Review', participants: { attendees: [{ identity: { user: { id: bob.id } }, upn: bob.userPrincipalName }] } });
    meetingId = String(created.body.id);
  });
  afterEach(() => server.close());

  async function at(m: number, kind: 'join' | 'leave', user: string): Promise<void> {
    minute = m;
    await (kind === 'join' ? server.graph.calls.join(meetingId, user) : server.graph.calls.leave(meetingId, user));
  }

  it('has one report per ended call, each person summed over their rejoins, in Graph\'s shapes', async () => {
    assert.deepEqual((await call(server.url, 'GET', base())).body.value, [], 'no call yet, no report');
    await at(0, 'join', 'alice');
    await at(1, 'join', 'bob');
    await at(4, 'leave', 'bob');
    await at(6, 'join', 'bob');
    await at(10, 'join', 'carol');
    assert.deepEqual((await call(server.url, 'GET', base())).body.value, [], 'a live call has no report yet');
    await at(12, 'leave', 'carol');
    await at(15, 'leave', 'bob');
    await at(20, 'leave', 'alice');
    await at(30, 'join', 'bob');
    await at(35, 'leave', 'bob');

    const list = await call(server.url, 'GET', base());
    assert.equal(list.status, 200);
    assertShape(list.body, fixture('attendance-reports.json'));
    assert.deepEqual(list.body.value?.map((r) => [r.meetingStartDateTime, r.meetingEndDateTime, r.totalParticipantCount]), [
      ['2026-03-05T15:00:00.0000000Z', '2026-03-05T15:20:00.0000000Z', 3],
      ['2026-03-05T15:30:00.0000000Z', '2026-03-05T15:35:00.0000000Z', 1],
    ]);
    const first = String(list.body.value?.[0]?.id);
    const records = await call(server.url, 'GET', `${base()}/${first}/attendanceRecords`);
    assertShape(records.body, fixture('attendance-records.json'));
    const byName = Object.fromEntries((records.body.value ?? []).map((r) => [(r.identity as { displayName: string }).displayName, r]));
    assert.equal(byName[alice.displayName]?.role, 'Organizer');
    assert.equal(byName[alice.displayName]?.totalAttendanceInSeconds, 20 * 60);
    assert.equal(byName[bob.displayName]?.totalAttendanceInSeconds, 12 * 60);
    assert.deepEqual((byName[bob.displayName]?.attendanceIntervals as { durationInSeconds: number }[]).map((i) => i.durationInSeconds), [180, 540]);
    assert.equal(byName[carol.displayName]?.emailAddress, carol.mail);

    const expanded = await call(server.url, 'GET', `${base()}/${first}?$expand=attendanceRecords`);
    assert.equal((expanded.body.attendanceRecords as unknown[]).length, 3);
  });

  it('answers Graph\'s errors for an unknown report or meeting and for writes', async () => {
    assertGraphError(await call(server.url, 'GET', `${base()}/00000000-0000-0000-0000-000000000000`), 404, 'NotFound');
    assertGraphError(await call(server.url, 'GET', `/users/${alice.id}/onlineMeetings/nope/attendanceReports`), 404, 'NotFound');
    assertGraphError(await call(server.url, 'POST', base(), {}), 405, 'Request_BadRequest');
    assertGraphError(await call(server.url, 'GET', `/users/${carol.id}/onlineMeetings/${encodeURIComponent(meetingId)}/attendanceReports`), 404, 'NotFound');
  });
});
