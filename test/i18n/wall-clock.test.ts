import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { wallClock } from '../../src/i18n/format';

describe('i18n: the wall-clock date and time of a moment in a zone (where forms start)', () => {
  it('gives the same date and time as luxon across zones and daylight-saving changes', () => {
    const zones = ['UTC', 'America/New_York', 'Europe/London', 'Europe/Moscow', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham'];
    for (const zone of zones) {
      for (let minutes = 0; minutes < 366 * 24 * 60; minutes += 397) {
        const at = new Date(Date.UTC(2026, 0, 1) + minutes * 60_000);
        const expected = DateTime.fromJSDate(at, { zone });
        assert.deepEqual(wallClock(at, zone), { date: expected.toFormat('yyyy-MM-dd'), time: expected.toFormat('HH:mm') }, `${zone} ${at.toISOString()}`);
      }
    }
  });

  it('answers as luxon does for a zone Intl does not know', () => {
    assert.deepEqual(wallClock(new Date(), 'Not/A_Zone'), { date: 'Invalid DateTime', time: 'Invalid DateTime' });
  });
});
