// An in-memory Microsoft Graph onlineMeetings: createOrGet by (organizer, externalId), PATCH rules, injected failures.
import { BotError } from '../../src/errors';
import type { Clock, Meeting, MeetingPatch, MeetingService, MeetingSpec } from '../../src/meetings/ports';

type Method = 'createOrGet' | 'get' | 'update' | 'cancel';

/** One recorded call. */
export interface ServiceCall {
  readonly method: Method;
  readonly args: readonly unknown[];
}

/** A MeetingService kept in memory. */
export class FakeMeetingService implements MeetingService {
  readonly meetings = new Map<string, Meeting>();
  readonly calls: ServiceCall[] = [];
  private readonly failures = new Map<Method, unknown[]>();
  private sequence = 0;

  constructor(private readonly clock: Clock) {}

  /** The next call of `method` throws `error` (e.g. `new BotError('graph_busy')`). */
  failNext(method: Method, error: unknown): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  private enter(method: Method, args: readonly unknown[]): void {
    this.calls.push({ method, args });
    const queue = this.failures.get(method);
    if (queue && queue.length > 0) throw queue.shift();
  }

  private owned(organizerId: string, meetingId: string): Meeting {
    const meeting = this.meetings.get(meetingId);
    if (!meeting || meeting.organizer.id !== organizerId) throw new BotError('meeting_not_found', { id: meetingId });
    return meeting;
  }

  /** How many times `method` was called. */
  count(method: Method): number {
    return this.calls.filter((call) => call.method === method).length;
  }

  async createOrGet(spec: MeetingSpec): Promise<{ meeting: Meeting; created: boolean }> {
    this.enter('createOrGet', [spec]);
    const existing = [...this.meetings.values()].find(
      (m) => m.externalId === spec.externalId && m.organizer.id === spec.organizer.id,
    );
    if (existing) return { meeting: existing, created: false };
    this.sequence += 1;
    const n = this.sequence;
    const meeting: Meeting = {
      id: `meeting-${n}`,
      externalId: spec.externalId,
      subject: spec.subject,
      start: spec.start,
      end: spec.end,
      joinUrl: `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${n}%40thread.v2/0`,
      meetingCode: `${310000000000 + n}`,
      passcode: `Pa${n}ss`,
      dialIn: { conferenceId: `${5550000 + n}`, tollNumbers: ['+1 555 0100'], tollFreeNumbers: [] },
      organizer: spec.organizer,
      attendees: spec.attendees,
      chatThreadId: `19:meeting_${n}@thread.v2`,
      createdAt: this.clock.now(),
    };
    this.meetings.set(meeting.id, meeting);
    return { meeting, created: true };
  }

  async get(organizerId: string, meetingId: string): Promise<Meeting> {
    this.enter('get', [organizerId, meetingId]);
    return this.owned(organizerId, meetingId);
  }

  async update(organizerId: string, meetingId: string, patch: MeetingPatch): Promise<Meeting> {
    this.enter('update', [organizerId, meetingId, patch]);
    const meeting = this.owned(organizerId, meetingId);
    if ((patch.start === undefined) !== (patch.end === undefined)) {
      throw new BotError('graph_bad_request', { detail: 'startDateTime and endDateTime must be updated together' });
    }
    const next: Meeting = {
      ...meeting,
      ...(patch.start && patch.end ? { start: patch.start, end: patch.end } : {}),
      ...(patch.attendees ? { attendees: patch.attendees } : {}),
    };
    this.meetings.set(meetingId, next);
    return next;
  }

  async cancel(organizerId: string, meetingId: string): Promise<void> {
    this.enter('cancel', [organizerId, meetingId]);
    this.owned(organizerId, meetingId);
    this.meetings.delete(meetingId);
  }
}
