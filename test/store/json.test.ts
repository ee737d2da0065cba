import { strict as assert } from 'node:assert';
import { fromJson, toJson } from '../../adapters/store/json';

/** The plain definition: JSON.stringify with a replacer tagging each Date it meets. */
const byReplacer = (value: unknown): string =>
  JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : v;
  });

const record = {
  meeting: {
    id: 'MSo1N2Y5ZGFjYy03MWJmLTQ3NDMtYjQxMy01M2EdFGkAAA==',
    subject: 'Design review',
    start: new Date('2026-12-02T14:00:00.000Z'),
    end: new Date('2026-12-02T14:30:00.000Z'),
    joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzY3OTk0%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%7d',
    attendees: [{ id: 'b2c3d4e5-0002-4b6c-9d7e-8f90a1b2c3d4', displayName: 'Bob Smith', joinedAt: new Date('2026-12-02T14:01:12.000Z') }],
    passcode: undefined,
  },
  status: 'active',
  calls: [{ start: new Date('2026-12-02T14:00:40.000Z'), end: null, people: ['U024BE7LH', 'U0G9QF9C6'] }],
  origin: new URL('https://contoso.slack.com/archives/C024BE91L'),
  retries: [1, undefined, 3],
};

describe('store JSON', () => {
  it('writes exactly what JSON.stringify writes, with every Date tagged, wherever it is', () => {
    assert.equal(toJson(record), byReplacer(record));
    assert.equal(toJson(new Date('2026-12-02T14:00:00.000Z')), byReplacer(new Date('2026-12-02T14:00:00.000Z')));
    assert.equal(toJson([new Date(0), { at: new Date(1) }]), byReplacer([new Date(0), { at: new Date(1) }]));
  });

  it('gives the Dates back as Dates', () => {
    const back = fromJson<typeof record>(toJson(record));
    assert.ok(back.meeting.start instanceof Date);
    assert.equal(back.meeting.attendees[0]?.joinedAt.toISOString(), '2026-12-02T14:01:12.000Z');
    assert.equal(back.calls[0]?.start.getTime(), record.calls[0]?.start.getTime());
    assert.equal(back.calls[0]?.end, null);
    assert.ok(!('passcode' in back.meeting));
  });
});
