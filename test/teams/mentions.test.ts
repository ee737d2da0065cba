import { strict as assert } from 'node:assert';
import { stripMentions } from '../../adapters/teams/mentions';
import { parseActivity } from '../../adapters/teams/activity';

const bot = { id: '28:bot', text: '<at>meetbot</at>' };

describe('Teams mention text', () => {
  it('removes every bot mention, not only the first', () => {
    const out = stripMentions('<at>meetbot</at> now <at>meetbot</at>', [bot, bot], '28:bot');
    assert.deepEqual(out, { text: 'now', mentions: [] });
  });

  it('keeps one token per person, even when mentioned twice', () => {
    const alice = { id: '29:a', name: 'Alice', text: '<at>Alice</at>' };
    const out = stripMentions('now <at>Alice</at> and <at>Alice</at>', [alice, alice], '28:bot');
    assert.equal(out.text, 'now <at>Alice</at> and <at>Alice</at>');
    assert.deepEqual(out.mentions.map((m) => m.token), ['<at>Alice</at>']);
  });

  it('leaves a token without an entity as plain text and decodes HTML entities', () => {
    const out = stripMentions('<at>meetbot</at>&nbsp;now &quot;Q&amp;A&quot; <at>Nobody</at>', [bot], '28:bot');
    assert.equal(out.text, 'now "Q&A" <at>Nobody</at>');
    assert.deepEqual(out.mentions, []);
  });
});

describe('Teams activity parsing', () => {
  const base = { id: '1', serviceUrl: 'https://x/', from: { id: '29:a' }, recipient: { id: '28:bot' }, conversation: { id: 'c' } };

  it('ignores shapes it does not understand instead of throwing', () => {
    assert.equal(parseActivity(null).kind, 'ignored');
    assert.equal(parseActivity({ type: 'message' }).kind, 'ignored');
    assert.equal(parseActivity({ ...base, type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'other.thing', data: { meetingId: 'm' } } } }).kind, 'ignored');
  });

  it('skips a time zone the runtime does not know', () => {
    const parsed = parseActivity({ ...base, type: 'message', text: 'now', localTimezone: 'Mars/Olympus', entities: [{ type: 'clientInfo', timezone: 'Asia/Tokyo' }] });
    assert.equal(parsed.kind === 'command' && parsed.timeZone, 'Asia/Tokyo');
  });
});
