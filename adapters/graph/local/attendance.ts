// `/users/{id}/onlineMeetings/{id}/attendanceReports[/{reportId}[/attendanceRecords]]` with Graph's shapes (graph.md §3.4).
import { reportsOf, type LocalAttendance, type LocalReport } from './attendance-book';
import { json, meetingUser, type LocalContext } from './context';
import { badRequest, GraphHttpError, methodNotAllowed } from './errors';
import { graphDate } from './format';
import type { GraphRequest, GraphResponse } from './http-types';
import type { ExtraRoute } from './dispatch';

const seconds = (from: Date, to: Date): number => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

function recordJson(ctx: LocalContext, report: LocalReport, a: LocalAttendance): Record<string, unknown> {
  const intervals = a.intervals.map((i) => ({ joinDateTime: graphDate(i.join), leaveDateTime: graphDate(i.leave), durationInSeconds: seconds(i.join, i.leave) }));
  return {
    id: a.user.mail,
    emailAddress: a.user.mail,
    totalAttendanceInSeconds: intervals.reduce((sum, i) => sum + i.durationInSeconds, 0),
    role: a.user.id === report.organizerId ? 'Organizer' : 'Attendee',
    registrationId: null,
    identity: { id: a.user.id, displayName: a.user.displayName, tenantId: ctx.tenantId },
    attendanceIntervals: intervals,
  };
}

function reportJson(ctx: LocalContext, report: LocalReport, withRecords: boolean): Record<string, unknown> {
  return {
    id: report.id,
    totalParticipantCount: report.records.length,
    meetingStartDateTime: graphDate(report.start),
    meetingEndDateTime: graphDate(report.end),
    externalEventInformation: [],
    ...(withRecords ? { attendanceRecords: report.records.map((r) => recordJson(ctx, report, r)) } : {}),
  };
}

const expandsRecords = (req: GraphRequest): boolean => (req.query.get('$expand') ?? '').split(',').some((s) => s.trim() === 'attendanceRecords');

/** Routes attendance report requests; other paths are not its business. */
export function attendanceRoute(ctx: LocalContext): ExtraRoute {
  return async (req): Promise<GraphResponse | undefined> => {
    const [users, rawUser, meetings, meetingId, reports, reportId, records, ...rest] = req.segments;
    if (users !== 'users' || meetings !== 'onlineMeetings' || reports !== 'attendanceReports' || !rawUser || !meetingId) return undefined;
    if (req.method !== 'GET') throw methodNotAllowed(req.method);
    if (rest.length || (records !== undefined && records !== 'attendanceRecords')) throw badRequest(`Resource not found for the segment '${records ?? ''}'.`);
    const user = meetingUser(ctx, rawUser);
    const meeting = await ctx.repo.get(meetingId);
    if (!meeting || (meeting.organizerId !== user.id && !meeting.attendees.some((a) => a.userId === user.id))) {
      throw new GraphHttpError(404, 'NotFound', `The online meeting '${meetingId}' could not be found.`);
    }
    const base = `${req.serviceRoot}/$metadata#users('${user.id}')/onlineMeetings('${meetingId}')/attendanceReports`;
    const all = await reportsOf(ctx, meetingId);
    if (reportId === undefined) {
      return json(200, { '@odata.context': base, value: all.map((r) => reportJson(ctx, r, expandsRecords(req))) }, req.requestId);
    }
    const report = all.find((r) => r.id === reportId);
    if (!report) throw new GraphHttpError(404, 'NotFound', `The attendance report '${reportId}' could not be found.`);
    if (records === undefined) return json(200, { '@odata.context': `${base}/$entity`, ...reportJson(ctx, report, expandsRecords(req)) }, req.requestId);
    return json(200, { '@odata.context': `${base}('${reportId}')/attendanceRecords`, value: report.records.map((r) => recordJson(ctx, report, r)) }, req.requestId);
  };
}
