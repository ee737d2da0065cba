// No silent guess: whatever mix of time phrases, stray time words and subject words a person types, a meeting never
// comes back with a recognisable time or date word in its subject. It is read, or the bot asks.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseCommand } from '../../src/commands';
import { ZONES, readerNow } from './grammar';

/** Phrases the language reads, in both languages. */
const PHRASES = [
  '15:00', 'at 3pm', '10.30', '9.30am', 'noon', 'midnight', 'at 5', 'at five', 'half past 10', 'quarter to 5', 'ten past 9',
  '3ish', 'EOD', 'tomorrow', 'this friday', 'next week tuesday', 'the 20th at 2pm', 'on the 5th', '2 weeks from now',
  'in a week at 10', 'in a couple of hours', '22:00-00:30', '30m', 'for 45 minutes',
  'в 15:00', 'в час дня', 'в полчетвёртого', 'полвторого', 'без четверти пять', 'через пару часов', 'через неделю в 10',
  'в эту пятницу', 'в следующий вторник', '5-го января', 'завтра', 'на час',
];
/** Time words a person might leave stray, misspell or repeat. */
const STRAY = ['fridy', 'tommorow', 'завтро', 'wendsday', 'tonight', 'next week', '2 weeks', '11:00', '4pm', 'half past', 'quarter', 'полпятого', 'the 20th', 'friday', 'в 16:00', 'noon', 'o\'clock', '5ish'];
const SUBJECT = ['Design', 'review', 'Sync', 'Retro', 'Ретро', 'Обзор', 'Intro', 'to', 'Kafka', 'Top', '10', 'tips', 'Next', 'steps', 'Breakfast', 'Завтрак', '@alice', 'bob@example.com'];

/** What a careful reader would call a time or date word, written independently of the parser's own tables. */
const TIME_WORD = [
  /^\d{1,2}[:.]\d{2}$/, /^\d{1,2}(?:[:.]\d{2})?(?:am|pm)$/, /^\d+-?ish$/, /^\d+(?:m|h|min)$/, /^\d{1,2}(?:st|nd|rd|th|-го)$/, /^пол[а-яё]+ого$/,
  /^(?:today|tomorrow|tonight|yesterday|eod|noon|midnight|o'clock|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/,
  /^(?:сегодня|завтра|послезавтра|полдень|полночь|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)$/,
  /^(?:fridy|tommorow|завтро|wendsday)$/,
];

const text = fc
  .tuple(fc.subarray(PHRASES, { maxLength: 2 }), fc.subarray(STRAY, { maxLength: 2 }), fc.subarray(SUBJECT, { maxLength: 4 }))
  .chain(([a, b, c]) => fc.shuffledSubarray([...a, ...b, ...c], { minLength: a.length + b.length + c.length }))
  .map((parts) => `/meet ${parts.join(' ')}`);

describe('command language: no silent guess', () => {
  it('never gives a meeting whose subject holds a time or date word outside quotes', () => {
    fc.assert(
      fc.property(text, readerNow, fc.constantFrom(...ZONES), fc.constantFrom<'en' | 'ru'>('en', 'ru'), (typed, now, timeZone, locale) => {
        const r = parseCommand(typed, { now, timeZone, locale, defaultDurationMinutes: 30 });
        if (!r.ok || r.value.kind !== 'meet' || r.value.subject === null) return;
        for (const word of r.value.subject.toLowerCase().split(/\s+/)) {
          const bare = word.replace(/^[("'«]+|[,.;:!?)"'»]+$/g, '');
          assert.ok(!TIME_WORD.some((re) => re.test(bare)), `${JSON.stringify(typed)} gave the subject ${JSON.stringify(r.value.subject)}`);
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('offers only suggestions that parse to a meeting', () => {
    fc.assert(
      fc.property(text, readerNow, fc.constantFrom(...ZONES), (typed, now, timeZone) => {
        const ctx = { now, timeZone, locale: 'en' as const, defaultDurationMinutes: 30 };
        const r = parseCommand(typed, ctx);
        if (r.ok || r.code !== 'unclear_phrase') return;
        assert.ok((r.suggestions ?? []).length > 0, `no suggestion for ${JSON.stringify(typed)}`);
        for (const s of r.suggestions ?? []) {
          const again = parseCommand(s, ctx);
          assert.ok(again.ok && again.value.kind === 'meet', `${JSON.stringify(s)}, offered for ${JSON.stringify(typed)}, does not parse`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
