// Card text for Teams: user words never become markdown, mentions or card functions; plain text is left as it is.
import { strict as assert } from 'node:assert';
import { escapeText } from '../../adapters/teams/markup';

describe('Teams card text escaping', () => {
  it('leaves text with nothing to escape as it is', () => {
    assert.equal(escapeText('Design review 12 - Alice Example, alice@contoso.com, 2026-12-01 15:00'), 'Design review 12 - Alice Example, alice@contoso.com, 2026-12-01 15:00');
  });

  it('escapes marks, mentions and card functions anywhere', () => {
    assert.equal(escapeText('*bold* [link](x) <at>Bob</at> {{DATE(x)}}'), '\\*bold\\* \\[link\\]\\(x\\) <\u200bat>Bob<\u200b/at> {\u200b{DATE\\(x\\)}}');
  });

  it('escapes a list mark or number at the start of any line, and joins the lines', () => {
    assert.equal(escapeText('- item'), '\\- item');
    assert.equal(escapeText('  1. first'), '  1\\. first');
    assert.equal(escapeText('agenda\n> quote\r\n2. second'), 'agenda \\> quote 2\\. second');
    assert.equal(escapeText('agenda\u2028# heading'), 'agenda\u2028\\# heading');
    assert.equal(escapeText('a - b and 3. c'), 'a - b and 3. c', 'not at a line start');
  });
});
