// AttendanceSource on Graph v1.0: a meeting's attendanceReports, each with its attendanceRecords (graph.md §3.4).
// Needs OnlineMeetingArtifact.Read.All (application) and the application access policy.
import { z } from 'zod';
import { BotError } from '../../src/bot-api';
import type { AttendanceRecord, AttendanceReport, AttendanceSource } from '../../src/bot-api';
import type { GraphClient } from './client';
import { translateGraphError } from './errors';

const dateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');

const recordSchema = z.object({
  emailAddress: z.string().nullish(),
  identity: z.object({ id: z.string().nullish(), displayName: z.string().nullish() }).nullish(),
  totalAttendanceInSeconds: z.number().nonnegative(),
  attendanceIntervals: z.array(z.object({ joinDateTime: dateTime, leaveDateTime: dateTime.nullish(), durationInSeconds: z.number().nonnegative() })).nullish(),
});

const reportSchema = z.object({ id: z.string().min(1), meetingStartDateTime: dateTime, meetingEndDateTime: dateTime });

const list = <T extends z.ZodType>(item: T) => z.object({ value: z.array(item) });

function toRecord(raw: z.infer<typeof recordSchema>): AttendanceRecord {
  const email = raw.emailAddress ?? undefined;
  return {
    ...(raw.identity?.id ? { userId: raw.identity.id } : {}),
    displayName: raw.identity?.displayName ?? email ?? '?',
    ...(email ? { email } : {}),
    totalSeconds: raw.totalAttendanceInSeconds,
    intervals: (raw.attendanceIntervals ?? []).map((i) => {
      const join = new Date(i.joinDateTime);
      return { join, leave: i.leaveDateTime ? new Date(i.leaveDateTime) : new Date(join.getTime() + i.durationInSeconds * 1000), seconds: i.durationInSeconds };
    }),
  };
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new BotError('graph_bad_request', { detail: 'an attendance report Graph sent could not be read' });
  return parsed.data;
}

/** The attendance reports of online meetings, through `graph`. */
export function createGraphAttendance(graph: GraphClient): AttendanceSource {
  const { client } = graph;
  return {
    async reports(organizerId, meetingId) {
      const base = `/users/${encodeURIComponent(organizerId)}/onlineMeetings/${encodeURIComponent(meetingId)}/attendanceReports`;
      try {
        const reports = parse(list(reportSchema), await client.api(base).get()).value;
        const out: AttendanceReport[] = [];
        for (const r of reports) {
          const records = parse(list(recordSchema), await client.api(`${base}/${encodeURIComponent(r.id)}/attendanceRecords`).get()).value;
          out.push({ id: r.id, start: new Date(r.meetingStartDateTime), end: new Date(r.meetingEndDateTime), records: records.map(toRecord) });
        }
        return out.sort((a, b) => a.start.getTime() - b.start.getTime());
      } catch (error) {
        throw translateGraphError(error, { meetingId });
      }
    },
  };
}
