import { strict as assert } from 'node:assert';
import { isBotError } from '../../src/errors';
import { checkForm, formErrors, formTimes } from '../../src/meetings/form-times';
import { sampleMeeting } from '../fakes';

const reader = { locale: 'en' as const, timeZone: 'America/New_York' };
const now = new Date('2026-03-02T14:00:00Z');

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    return isBotError(error) ? error.code : 'not a BotError';
  }
  return 'no error';
}

describe('form values: one check for the schedule form and every reschedule form', () => {
  it('reads values as clients send them: seconds on the time, minutes as text', () => {
    const { start, end } = formTimes({ date: '2026-03-03', time: '16:30:00', durationMinutes: '45' }, reader, now);
    assert.equal(start.toISOString(), '2026-03-03T21:30:00.000Z');
    assert.equal(end.getTime() - start.getTime(), 45 * 60_000);
  });

  it('needs every value on the schedule form, and names each wrong field in the reader language', () => {
    const checked = checkForm({ date: '', time: '10:00', durationMinutes: '0' }, true);
    assert.ok(!checked.ok);
    assert.deepEqual(formErrors(checked.problems, 'ru'), { date: 'Заполните это поле.', durationMinutes: 'Укажите целое число минут от 1 до 1440.' });
    assert.equal(codeOf(() => formTimes({ time: '10:00', durationMinutes: 30 }, reader, now)), 'invalid_time');
  });

  it('refuses what a typed time would refuse: not whole, zero, over a day, in the past', () => {
    const base = { date: '2026-03-03', time: '10:00' };
    assert.equal(codeOf(() => formTimes({ ...base, durationMinutes: '1.5' }, reader, now)), 'invalid_duration');
    assert.equal(codeOf(() => formTimes({ ...base, durationMinutes: 0 }, reader, now)), 'end_before_start');
    assert.equal(codeOf(() => formTimes({ ...base, durationMinutes: 1441 }, reader, now)), 'meeting_too_long');
    assert.equal(codeOf(() => formTimes({ date: '2026-03-01', time: '10:00', durationMinutes: 30 }, reader, now)), 'time_in_past');
  });

  it('keeps what a reschedule leaves out, and refuses one that changes nothing', () => {
    const meeting = sampleMeeting({ start: new Date('2026-03-05T15:00:00Z'), end: new Date('2026-03-05T16:00:00Z') });
    const moved = formTimes({ date: '2026-03-06' }, reader, now, meeting);
    assert.equal(moved.start.toISOString(), '2026-03-06T15:00:00.000Z');
    assert.equal(moved.end.getTime() - moved.start.getTime(), 60 * 60_000, 'the length is kept');
    assert.equal(codeOf(() => formTimes({ time: '10:00' }, reader, now, meeting)), 'invalid_reschedule');
  });
});
