import { strict as assert } from 'node:assert';
import { parseCommand } from '../../src/commands';

const read = (text: string, locale: 'en' | 'ru' = 'en') => {
  const result = parseCommand(text, { now: new Date('2026-12-01T11:00:00Z'), timeZone: 'Europe/Berlin', locale, defaultDurationMinutes: 30 });
  assert.ok(result.ok && result.value.kind === 'meet', `expected a meeting from ${text}`);
  return result.value;
};

describe('command language: ring and watch', () => {
  it('reads ring and позвонить anywhere among the words, and leaves them out of the subject', () => {
    for (const [text, locale] of [['/meet now Sev1 @alice @bob ring', 'en'], ['/meet ring now Sev1 @alice @bob', 'en'], ['/meet сейчас Sev1 @alice @bob позвонить', 'ru']] as const) {
      const cmd = read(text, locale);
      assert.equal(cmd.call, 'ring', text);
      assert.equal(cmd.subject, 'Sev1', text);
      assert.deepEqual(cmd.attendees.map((a) => (a.kind === 'mention' ? a.name : a.email)), ['alice', 'bob']);
    }
  });

  it('reads watch and следить as following the call; ring wins when both are said', () => {
    assert.equal(read('/meet now Bridge watch').call, 'watch');
    assert.equal(read('/meet сейчас Мост следить', 'ru').call, 'watch');
    assert.equal(read('/meet now Bridge watch ring @bob').call, 'ring');
  });

  it('keeps the words in a subject: quoted, or capitalised before the end', () => {
    const quoted = read('/meet now "Ring the bell" @bob');
    assert.equal(quoted.call, undefined);
    assert.equal(quoted.subject, 'Ring the bell');
    const titled = read('/meet now Ring review @bob');
    assert.equal(titled.call, undefined);
    assert.equal(titled.subject, 'Ring review');
    assert.equal(read('/meet now Planning').call, undefined);
  });
});
