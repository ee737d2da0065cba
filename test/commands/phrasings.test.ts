import { strict as assert } from 'node:assert';
import { commandToJson, parseCommand } from '../../src/commands';
import { phrasings } from '../fixtures/phrasings';

describe('command language phrasings', () => {
  it('has a table of at least 200 phrasings', () => {
    assert.ok(phrasings.length >= 200, `only ${phrasings.length} phrasings`);
  });

  for (const { text, reader, expect } of phrasings) {
    const label = text.length > 70 ? `${text.slice(0, 67)}...` : text;
    it(`reads ${JSON.stringify(label)} in ${reader.timeZone} at ${reader.now}`, () => {
      const result = parseCommand(text, {
        now: new Date(reader.now),
        timeZone: reader.timeZone,
        locale: reader.locale ?? 'en',
        defaultDurationMinutes: reader.defaultDurationMinutes ?? 30,
        mentions: reader.mentions,
        endOfDay: reader.endOfDay,
      });
      if (expect.ok) {
        assert.ok(result.ok, `expected a command, got ${result.ok ? '' : `${result.code} ${JSON.stringify(result.params)}`}`);
        assert.deepEqual(commandToJson(result.value), expect.command);
      } else {
        assert.ok(!result.ok, `expected ${expect.code}, got ${result.ok ? JSON.stringify(commandToJson(result.value)) : ''}`);
        assert.equal(result.code, expect.code);
        if (expect.params) {
          const given = Object.fromEntries(Object.keys(expect.params).map((key) => [key, result.params[key]]));
          assert.deepEqual(given, expect.params);
        }
        if (expect.suggestions) assert.deepEqual(result.suggestions, expect.suggestions);
      }
    });
  }
});
