import { strict as assert } from 'node:assert';
import { helpText, listText } from '../../src/cards';
import { sampleRecord } from '../fakes';

describe('text replies', () => {
  it('lists meetings with their time in the reader zone and the id cancel takes', () => {
    const text = listText([sampleRecord(), sampleRecord({ meeting: { id: 'm2', subject: null, meetingCode: undefined } })], {
      locale: 'en',
      timeZone: 'America/New_York',
    });
    assert.equal(
      text,
      'Your upcoming meetings:\n' +
        '• Design review · Wed, Mar 5, 10:00 – 10:30 AM EST · ID `310000000042`\n' +
        '• Untitled meeting · Wed, Mar 5, 10:00 – 10:30 AM EST · ID `m2`',
    );
  });

  it('says so when there is nothing upcoming, in Russian too', () => {
    assert.equal(listText([], { locale: 'ru', timeZone: 'Europe/Moscow' }), 'У вас нет предстоящих встреч.');
  });

  it('explains the commands in the reader language', () => {
    assert.match(helpText('en'), /\/meet list/);
    assert.match(helpText('ru'), /ваши предстоящие встречи/);
  });
});
