// Minting the coordinates of a meeting so they look like Teams': thread ids, meeting ids, join codes, passcodes.
import { randomBytes, randomUUID } from 'node:crypto';

/** A source of numbers in [0, 1): Math.random, or a seeded generator for deterministic tests. */
export type Random = () => number;

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One draw of n bytes: a draw per digit made minting a meeting cost more than storing it.
function digits(n: number): string {
  const bytes = randomBytes(n);
  let s = String(1 + (bytes[0] ?? 0) % 9);
  for (let i = 1; i < n; i++) s += String((bytes[i] ?? 0) % 10);
  return s;
}

const PASSCODE_CHARS = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Everything minted for a new meeting. */
export interface MintedMeeting {
  readonly id: string;
  readonly threadId: string;
  readonly joinToken: string;
  readonly joinMeetingId: string;
  readonly passcode: string;
  readonly conferenceId: string;
}

/** Mints a Teams-like meeting: thread `19:meeting_{base64 guid}@thread.v2`, id = base64 of `1*{organizer}*0**{thread}`. */
export function mintMeeting(organizerId: string): MintedMeeting {
  let threadId = '';
  let id = '';
  // Prefer ids without '/' and '+', which clients that forget to encode path segments would break on.
  for (let i = 0; i < 20; i++) {
    threadId = `19:meeting_${Buffer.from(randomUUID()).toString('base64')}@thread.v2`;
    id = Buffer.from(`1*${organizerId}*0**${threadId}`).toString('base64');
    if (!/[+/]/.test(id)) break;
  }
  const bytes = randomBytes(6);
  const passcode = [...bytes].map((b) => PASSCODE_CHARS[b % PASSCODE_CHARS.length]).join('');
  return {
    id,
    threadId,
    joinToken: randomBytes(16).toString('base64url'),
    joinMeetingId: digits((randomBytes(1)[0] ?? 0) % 2 ? 12 : 13),
    passcode,
    conferenceId: digits(9),
  };
}

/** A GUID for request ids, subscription ids, call ids. */
export const newGuid = (): string => randomUUID();
