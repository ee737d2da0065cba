// Loading a meeting someone wants to change.
import { BotError } from '../errors';
import type { MeetingRecord, MeetingStore } from './ports';

/** The meeting `meetingId`; throws `meeting_not_found`. */
export async function loadMeeting(store: MeetingStore, meetingId: string): Promise<MeetingRecord> {
  const record = await store.getMeeting(meetingId);
  if (!record) throw new BotError('meeting_not_found', { id: meetingId });
  return record;
}

/** Throws `meeting_cancelled` unless `record` is active. */
export function assertActive(record: MeetingRecord): void {
  if (record.status === 'cancelled') throw new BotError('meeting_cancelled');
}

/** The meeting `meetingId`, still active; throws `meeting_not_found` or `meeting_cancelled`. */
export async function loadActive(store: MeetingStore, meetingId: string): Promise<MeetingRecord> {
  const record = await loadMeeting(store, meetingId);
  assertActive(record);
  return record;
}
