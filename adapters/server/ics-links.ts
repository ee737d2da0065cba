// Signed, expiring links to a meeting's .ics file: the path names the meeting, an expiry and an HMAC over both, so
// links cannot be guessed or enumerated, and each stops working some time after its meeting ends.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CalendarLinks, Meeting } from '../../src/bot-api';

/** Where the files are served. */
export const ICS_PATH = '/calendar';

/** How long after its meeting's end a link still works. */
export const LINK_LIFETIME_AFTER_END_MS = 30 * 24 * 3600_000;

const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

/** Signs and checks links with one key. */
export interface IcsSigner extends CalendarLinks {
  /** The meeting id a file name (`{token}.ics`) grants, or why not. */
  verify(fileName: string, now: Date): { ok: true; meetingId: string } | { ok: false; reason: 'invalid' | 'expired' };
}

/** A signer over `secret` (a random one when unset), making links on `origin()` (the server's public origin). */
export function createIcsSigner(secret: string | undefined, origin: () => string | undefined): IcsSigner {
  const key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  const mac = (meetingId: string, expires: number): Buffer => createHmac('sha256', key).update(`${meetingId}\n${expires}`).digest();
  return {
    linkFor(meeting: Meeting) {
      const base = origin();
      if (!base) return undefined;
      const expires = Math.floor((meeting.end.getTime() + LINK_LIFETIME_AFTER_END_MS) / 1000);
      return `${base}${ICS_PATH}/${b64(meeting.id)}.${expires}.${b64(mac(meeting.id, expires))}.ics`;
    },
    verify(fileName, now) {
      const match = /^([A-Za-z0-9_-]{1,512})\.(\d{1,12})\.([A-Za-z0-9_-]{43})\.ics$/.exec(fileName);
      if (!match) return { ok: false, reason: 'invalid' };
      const [, id64 = '', expiresText = '', sig = ''] = match;
      const meetingId = Buffer.from(id64, 'base64url').toString('utf8');
      const expires = Number(expiresText);
      const given = Buffer.from(sig, 'base64url');
      const wanted = mac(meetingId, expires);
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return { ok: false, reason: 'invalid' };
      if (expires * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
      return { ok: true, meetingId };
    },
  };
}
