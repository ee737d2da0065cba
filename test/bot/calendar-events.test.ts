// Calendar invitations through the core: the invitation makes the meeting, changes go through its event, and a
// meeting whose event is gone is still changed and cancelled from chat.
import { strict as assert } from 'node:assert';
import { BotError } from '../../src/errors';
import type { CalendarService, MeetingPatch, MeetingSpec } from '../../src/meetings/ports';
import { chat } from '../fakes';
import { createHarness, type Harness } from '../fakes/harness';

/** Graph's events over the fake meeting service: `invite` makes the meeting; `gone` events answer 404 like Graph. */
class FakeCalendar implements CalendarService {
  readonly calls: string[] = [];
  readonly gone = new Set<string>();
  constructor(private readonly h: () => Harness) {}
  async invite(spec: MeetingSpec) {
    this.calls.push(`invite ${spec.subject}`);
    const { meeting } = await this.h().meetings.createOrGet(spec);
    return { meeting, eventId: `event-${meeting.id}` };
  }
  async addEvent(): Promise<string> {
    return 'event-added';
  }
  async update(_organizerId: string, eventId: string, patch: MeetingPatch): Promise<void> {
    this.calls.push(`update ${eventId} ${patch.start ? 'times' : 'attendees'}`);
    if (this.gone.has(eventId)) throw new BotError('meeting_not_found', { id: eventId });
    const meetingId = eventId.replace(/^event-/, '');
    if (patch.start && patch.end) await this.h().meetings.update('', meetingId, { start: patch.start, end: patch.end });
  }
  async cancel(_organizerId: string, eventId: string, comment: string): Promise<void> {
    this.calls.push(`cancel ${eventId} ${comment}`);
    if (this.gone.has(eventId)) throw new BotError('meeting_not_found', { id: eventId });
  }
}

describe('bot: calendar invitations', () => {
  it('invites scheduled meetings only, moves them through the event, and cancels the event with a message', async () => {
    const holder: { h?: Harness } = {};
    const calendar = new FakeCalendar(() => holder.h as Harness);
    const h = (holder.h = createHarness({ calendar, config: { calendar: 'invite' } }));
    await h.invoke('/meet now Quick', { as: chat.alice.slack });
    const reply = (await h.invoke('/meet tomorrow 15:00 30m Review <@UBOB>', { as: chat.alice.slack })).only();
    const meetingId = reply.kind === 'card' ? reply.card.meetingId : '';
    assert.deepEqual(calendar.calls, ['invite Review'], 'instant meetings are never invitations');
    await h.click('reschedule', meetingId, { as: chat.alice.slack, values: { date: '2025-03-07', time: '10:00', durationMinutes: 30 } });
    assert.equal(calendar.calls[1], `update event-${meetingId} times`);
    assert.equal(h.meetings.meetings.get(meetingId)?.start.toISOString(), '2025-03-07T15:00:00.000Z', '10:00 in New York');
    await h.click('cancel', meetingId, { as: chat.alice.slack });
    assert.equal(calendar.calls[2], `cancel event-${meetingId} Alice Smith cancelled this meeting from chat.`);
    assert.equal((await h.store.getMeeting(meetingId))?.status, 'cancelled');
  });

  it('changes the Teams meeting directly when its event is gone', async () => {
    const holder: { h?: Harness } = {};
    const calendar = new FakeCalendar(() => holder.h as Harness);
    const h = (holder.h = createHarness({ calendar, config: { calendar: 'invite' } }));
    const reply = (await h.invoke('/meet tomorrow 15:00 30m Review <@UBOB>', { as: chat.alice.slack })).only();
    const meetingId = reply.kind === 'card' ? reply.card.meetingId : '';
    calendar.gone.add(`event-${meetingId}`);
    const { outbox } = await h.click('reschedule', meetingId, { as: chat.alice.slack, values: { date: '2025-03-07', time: '11:00', durationMinutes: 30 } });
    assert.match(outbox.sent.map((r) => (r.kind === 'card' ? '' : r.text)).join('\n'), /moved to/);
    assert.equal(h.meetings.meetings.get(meetingId)?.start.toISOString(), '2025-03-07T16:00:00.000Z');
    await h.click('cancel', meetingId, { as: chat.alice.slack });
    assert.equal((await h.store.getMeeting(meetingId))?.status, 'cancelled');
    assert.equal(h.meetings.meetings.has(meetingId), false, 'the Teams meeting itself is deleted');
  });
});
