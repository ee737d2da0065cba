import { strict as assert } from 'node:assert';
import { formatDateTime, formatDuration, formatList, formatMoment, formatRange, isValidTimeZone, pluralCategory, wallClock } from '../../src/i18n/format';

describe('formatting for the reader', () => {
  it('uses Russian plural forms for minutes and hours', () => {
    assert.equal(formatDuration(1, 'ru'), '1 минуту');
    assert.equal(formatDuration(3, 'ru'), '3 минуты');
    assert.equal(formatDuration(5, 'ru'), '5 минут');
    assert.equal(formatDuration(21, 'ru'), '21 минуту');
    assert.equal(formatDuration(65, 'ru'), '1 час 5 минут');
    assert.equal(formatDuration(120, 'ru'), '2 часа');
    assert.equal(pluralCategory('ru', 11), 'many');
  });

  it('writes short English durations', () => {
    assert.equal(formatDuration(12, 'en'), '12 min');
    assert.equal(formatDuration(90, 'en'), '1 h 30 min');
    assert.equal(formatDuration(0, 'en'), 'less than a minute');
    assert.equal(formatDuration(0.2, 'ru'), 'меньше минуты');
  });

  it('joins names the way each language does', () => {
    assert.equal(formatList(['Alice', 'Bob', 'Carol'], 'en'), 'Alice, Bob, and Carol');
    assert.equal(formatList(['Алиса', 'Боб'], 'ru'), 'Алиса и Боб');
  });

  it('shows the same moment in each reader zone', () => {
    const start = new Date('2025-03-05T15:00:00Z');
    const end = new Date('2025-03-05T15:30:00Z');
    assert.equal(formatRange(start, end, 'en', 'America/New_York'), 'Wed, Mar 5, 10:00 – 10:30 AM EST');
    assert.equal(formatRange(start, end, 'ru', 'Europe/Moscow'), 'ср, 5 мар., 18:00–18:30 GMT+3');
    assert.equal(formatDateTime(start, 'en', 'UTC'), 'Wed, Mar 5, 3:00 PM UTC');
  });

  it('answers from memory only for the same minute, zone, language and shape', () => {
    const at = new Date('2026-12-01T14:59:59.900Z');
    const next = new Date('2026-12-01T15:00:00.100Z');
    assert.deepEqual(wallClock(at, 'Europe/Berlin'), { date: '2026-12-01', time: '15:59' });
    assert.deepEqual(wallClock(next, 'Europe/Berlin'), { date: '2026-12-01', time: '16:00' });
    assert.deepEqual(wallClock(next, 'Asia/Tokyo'), { date: '2026-12-02', time: '00:00' });
    assert.equal(formatMoment(at, 'en', 'Europe/Berlin', 'time'), '3:59 PM GMT+1');
    assert.equal(formatMoment(new Date('2026-12-01T14:59:00.000Z'), 'en', 'Europe/Berlin', 'time'), '3:59 PM GMT+1');
    assert.equal(formatMoment(at, 'ru', 'Europe/Berlin', 'time'), '15:59 GMT+1');
    assert.equal(formatMoment(at, 'en-CA', 'Europe/Berlin', 'day'), '2026-12-01');
    assert.equal(formatMoment(new Date('1970-01-01T00:00:30.000Z'), 'en', 'UTC', 'dateTime'), formatDateTime(new Date('1970-01-01T00:00:00.000Z'), 'en', 'UTC'));
  });

  it('knows which time zones exist', () => {
    assert.equal(isValidTimeZone('Europe/Moscow'), true);
    assert.equal(isValidTimeZone('Mars/Olympus'), false);
    assert.equal(isValidTimeZone(undefined), false);
  });
});
