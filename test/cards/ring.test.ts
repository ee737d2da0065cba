// The ring line on the card, in both languages and on every surface (Block Kit, Adaptive Card, text).
import { strict as assert } from 'node:assert';
import { buildJoinCard } from '../../src/cards';
import type { RingState } from '../../src/meetings/ports';
import { toSlackMessage } from '../../adapters/slack/blocks';
import { toAdaptiveCard } from '../../adapters/teams/card';
import { alice, bob, carol, chat } from '../fakes';
import { sampleRecord } from '../fakes/records';

const dave = { id: 'aad-dave', displayName: 'Dave <@channel> Li' };
const ring: RingState = {
  startedAt: new Date('2025-03-05T15:01:00Z'),
  by: chat.alice.slack,
  callId: '491f0b00-ffff-4bc9-a43e-b226498ec22a',
  invitees: [
    { user: bob, outcome: 'answered' },
    { user: carol, outcome: 'declined' },
    { user: dave, outcome: 'ringing' },
    { user: alice, outcome: 'present' },
  ],
};
const record = sampleRecord({ instant: true, offerRing: true, ring, call: { state: 'live', callId: 'c', since: new Date('2025-03-05T15:00:00Z'), participants: [alice, bob] } });

describe('card: who the bot rang', () => {
  it('says who rings, answered, declined and was in already, in English and Russian', () => {
    assert.equal(buildJoinCard(record, { locale: 'en', timeZone: 'UTC', platform: 'slack' }).ringText, 'Ringing Dave <@channel> Li · Bob Jones answered · Carol White declined · Alice Smith already in the call');
    assert.equal(buildJoinCard(record, { locale: 'ru', timeZone: 'Europe/Moscow', platform: 'teams' }).ringText, 'Звоним: Dave <@channel> Li · Ответили: Bob Jones · Отклонили: Carol White · Уже в звонке: Alice Smith');
  });

  it('shows the line under the status in Block Kit (escaped), the Adaptive Card and the text, and hides Ring them while it rings', () => {
    const card = buildJoinCard(record, { locale: 'en', timeZone: 'UTC', platform: 'slack' });
    const blocks = toSlackMessage(card).blocks;
    const context = blocks.find((b) => b.block_id === 'meetbot_ring');
    assert.ok(context, 'a context block for the ring');
    assert.doesNotMatch(JSON.stringify(context), /<@channel>/, 'names are escaped');
    assert.equal(blocks.indexOf(context), 2, 'right under the status');
    const adaptive = JSON.stringify(toAdaptiveCard(card));
    assert.match(adaptive, /"id":"ring"/);
    assert.match(card.fallbackText, /^Status: Live now: Alice Smith and Bob Jones\nRinging Dave/m);
    assert.ok(!card.actions.some((a) => a.id === 'ring'));
  });

  it('offers Ring them again once nobody rings, and never on an ended or cancelled meeting', () => {
    const over = { ...record, ring: { ...ring, over: true } };
    assert.ok(buildJoinCard(over, { locale: 'en', timeZone: 'UTC', platform: 'teams' }).actions.some((a) => a.id === 'ring'));
    const ended = { ...over, call: { state: 'ended' as const, callId: 'c', startedAt: new Date('2025-03-05T15:00:00Z'), endedAt: new Date('2025-03-05T15:20:00Z') } };
    assert.ok(!buildJoinCard(ended, { locale: 'en', timeZone: 'UTC', platform: 'teams' }).actions.some((a) => a.id === 'ring'));
    const cancelled = buildJoinCard({ ...over, status: 'cancelled' }, { locale: 'en', timeZone: 'UTC', platform: 'teams' });
    assert.equal(cancelled.ringText, undefined);
    assert.deepEqual(cancelled.actions, []);
  });
});
