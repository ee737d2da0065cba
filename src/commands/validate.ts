// Limits a meeting from chat must respect.
import type { ErrorCode, ErrorParams } from '../errors';

/** The longest meeting, in minutes. */
export const MAX_MINUTES = 24 * 60;
/** The longest subject, in characters. */
export const MAX_SUBJECT = 255;
/** The most attendees one command may invite. */
export const MAX_ATTENDEES = 100;

/** The first limit the meeting breaks, or undefined. */
export function checkLimits(start: Date, end: Date, subject: string | null, attendees: number): { code: ErrorCode; params: ErrorParams } | undefined {
  if (end.getTime() - start.getTime() > MAX_MINUTES * 60_000) return { code: 'meeting_too_long', params: { max: 24 } };
  // UTF-16 length bounds the code-point count from above, so counting is only needed for long subjects
  const length = subject === null ? 0 : subject.length <= MAX_SUBJECT ? subject.length : [...subject].length;
  if (length > MAX_SUBJECT) return { code: 'subject_too_long', params: { length, max: MAX_SUBJECT } };
  if (attendees > MAX_ATTENDEES) return { code: 'too_many_attendees', params: { count: attendees, max: MAX_ATTENDEES } };
  return undefined;
}
