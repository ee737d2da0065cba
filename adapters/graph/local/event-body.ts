// Reading event request bodies the way Graph reads them: dateTimeTimeZone pairs, attendees by e-mail address.
import { DateTime, IANAZone } from 'luxon';
import type { DirectoryIndex } from './directory';
import { badRequest } from './errors';
import type { LocalEventAttendee } from './event-book';
import { isObject } from './http-types';

/** What a POST or PATCH body asked for (absent fields: unchanged). */
export interface EventInput {
  readonly subject?: string | null;
  readonly bodyHtml?: string;
  readonly start?: Date;
  readonly end?: Date;
  readonly attendees?: readonly LocalEventAttendee[];
  readonly isOnlineMeeting?: boolean;
  readonly transactionId?: string;
}

// Graph accepts Windows zone names too; the local service knows the one clients send most.
const WINDOWS_ZONES: Record<string, string> = { UTC: 'UTC', 'Coordinated Universal Time': 'UTC', 'Pacific Standard Time': 'America/Los_Angeles' };

function dateTimeTimeZone(name: string, v: unknown): Date {
  if (!isObject(v) || typeof v.dateTime !== 'string') throw badRequest(`'${name}' must be a dateTimeTimeZone: { "dateTime": "2026-03-05T15:00:00", "timeZone": "UTC" }.`);
  const zoneName = typeof v.timeZone === 'string' ? v.timeZone : 'UTC';
  const zone = WINDOWS_ZONES[zoneName] ?? zoneName;
  if (!IANAZone.isValidZone(zone)) throw badRequest(`'${name}.timeZone': the time zone '${zoneName}' is not supported.`);
  const at = DateTime.fromISO(v.dateTime.replace(/Z$/, ''), { zone });
  if (!at.isValid) throw badRequest(`'${name}.dateTime': ${v.dateTime} is not a date and time.`);
  return at.toJSDate();
}

function attendees(v: unknown, dir: DirectoryIndex): LocalEventAttendee[] {
  if (!Array.isArray(v)) throw badRequest("'attendees' must be an array.");
  return v.map((a, i) => {
    const email = isObject(a) && isObject(a.emailAddress) ? a.emailAddress : undefined;
    const address = typeof email?.address === 'string' ? email.address : '';
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) throw badRequest(`attendees[${i}].emailAddress.address must be an e-mail address.`);
    const user = dir.byIdOrUpn(address) ?? dir.users.find((u) => u.mail.toLowerCase() === address.toLowerCase());
    const name = typeof email?.name === 'string' && email.name ? email.name : (user?.displayName ?? address);
    return { address, name, ...(user ? { userId: user.id } : {}) };
  });
}

/** Parses an event body; `create` requires start and end. Throws 400 with Graph-like messages. */
export function parseEventBody(body: unknown, mode: 'create' | 'patch', dir: DirectoryIndex): EventInput {
  if (!isObject(body)) throw badRequest('The request body must be a JSON event object.');
  if (mode === 'create' && (body.start === undefined || body.end === undefined)) throw badRequest("An event needs 'start' and 'end'.");
  const content = isObject(body.body) && typeof body.body.content === 'string' ? body.body.content : undefined;
  return {
    ...(body.subject !== undefined ? { subject: typeof body.subject === 'string' ? body.subject : null } : {}),
    ...(content !== undefined ? { bodyHtml: content } : {}),
    ...(body.start !== undefined ? { start: dateTimeTimeZone('start', body.start) } : {}),
    ...(body.end !== undefined ? { end: dateTimeTimeZone('end', body.end) } : {}),
    ...(body.attendees !== undefined ? { attendees: attendees(body.attendees, dir) } : {}),
    ...(typeof body.isOnlineMeeting === 'boolean' ? { isOnlineMeeting: body.isOnlineMeeting } : {}),
    ...(typeof body.transactionId === 'string' && body.transactionId ? { transactionId: body.transactionId } : {}),
  };
}
