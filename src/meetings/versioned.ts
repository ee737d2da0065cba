// Read, change, compare-and-set: several server instances may change one meeting at once (the in-process queue
// only orders one instance's changes), so each write names the version it read and a loser starts over.
import { BotError } from '../errors';
import type { MeetingRecord, MeetingStore } from './ports';

/** How many times a change is applied before giving up (each lost race means another writer won). */
export const MAX_ATTEMPTS = 6;

/** The version a record was read at (records from before versioning are 0). */
export const versionOf = (record: MeetingRecord): number => record.version ?? 0;

/** A change that was written, or found to be unnecessary. */
export interface Changed {
  /** The record as stored now. */
  readonly record: MeetingRecord;
  /** False when `apply` returned the record unchanged and nothing was written. */
  readonly written: boolean;
}

/**
 * Loads the meeting, lets `apply` build the next record from it, and writes that only if nobody wrote in
 * between; otherwise loads again and re-applies. `apply` returns the record it was given to write nothing,
 * and throws (a BotError) to refuse, after re-checking permissions and state on the fresh record. It runs
 * again after a lost race, so whatever it does besides (Graph calls) must be safe to repeat.
 * Throws BotError `meeting_busy` when every attempt lost.
 */
export async function changeMeeting(
  store: MeetingStore,
  load: () => Promise<MeetingRecord>,
  apply: (current: MeetingRecord, attempt: number) => Promise<MeetingRecord>,
): Promise<Changed> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await load();
    const next = await apply(current, attempt);
    if (next === current) return { record: current, written: false };
    const expected = versionOf(current);
    if (await store.updateMeeting(next, expected)) return { record: { ...next, version: expected + 1 }, written: true };
  }
  throw new BotError('meeting_busy');
}
