import { strict as assert } from 'node:assert';
import { buildJoinCard } from '../../src/cards';
import { toAdaptiveCard } from '../../adapters/teams/card';
import { M365, sampleRecord } from './helpers/core-fakes';
import { PEOPLE } from './helpers/harness';

type Json = Record<string, unknown>;
const reader = { locale: 'en' as const, timeZone: 'Europe/Berlin', platform: 'teams' as const };

function walk(node: unknown, visit: (n: Json) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') {
    visit(node as Json);
    Object.values(node).forEach((v) => walk(v, visit));
  }
}

function texts(card: Json): string {
  const all: string[] = [];
  walk(card.body, (n) => {
    if (n.type === 'TextBlock') all.push(String(n.text));
  });
  return all.join('\n');
}

describe('Teams Adaptive Card', () => {
  const card = toAdaptiveCard(buildJoinCard(sampleRecord(), reader));

  it('is an Adaptive Card 1.5 of known element and action types', () => {
    assert.equal(card.type, 'AdaptiveCard');
    assert.equal(card.version, '1.5');
    const known = new Set(['AdaptiveCard', 'Container', 'TextBlock', 'FactSet', 'Action.OpenUrl', 'Action.Execute', 'Action.Submit', 'Action.ShowCard', 'Input.Date', 'Input.Time', 'Input.Number', 'mention']);
    walk(card, (n) => {
      if (typeof n.type === 'string') assert.ok(known.has(n.type), `unexpected type ${n.type}`);
    });
    assert.ok(JSON.stringify(card).length < 28 * 1024);
  });

  it('parses with the adaptivecards library without warnings', () => {
    // lib/ is bundler-only ESM; the UMD build loads in Node and parses without a DOM.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');
    const parsed = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    parsed.parse(card, context);
    const problems = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
    assert.deepEqual(problems, []);
    assert.equal(parsed.version?.toString(), '1.5');
  });

  it("shows times as the reader's own text with the zone named, never as DATE()/TIME() the client would shift", () => {
    assert.ok(!JSON.stringify(card).includes('{{'));
    assert.ok(texts(card).includes('Mon, Mar 2, 10:00 – 10:30 AM GMT+1'), texts(card));
    assert.equal(typeof card.fallbackText, 'string');
    assert.ok((card.fallbackText as string).length > 0);
  });

  it('mentions organizer and attendees for real where their Teams or Entra id is known', () => {
    const entities = (card.msteams as { entities: Array<{ text: string; mentioned: { id: string } }> }).entities;
    assert.deepEqual(
      entities.map((e) => [e.text, e.mentioned.id]),
      [
        ['<at>Carol Organizer</at>', PEOPLE.carol.id],
        ['<at>Alice Smith</at>', PEOPLE.alice.id],
        ['<at>Bob Jones</at>', M365.bob.id],
      ],
    );
    for (const e of entities) assert.ok(texts(card).includes(e.text));
  });

  it('escapes user text so it cannot inject markdown, mentions or card functions', () => {
    const all = texts(card);
    assert.ok(!all.includes('<at>Evil</at>'));
    assert.ok(all.includes('Standup \\*now\\* <\u200bat>Evil<\u200b/at>'), all);
    const sneaky = toAdaptiveCard(buildJoinCard(sampleRecord({ meeting: { ...sampleRecord().meeting, subject: '{{DATE(2020-01-01T00:00:00Z)}} [x](http://evil)' } }), reader));
    assert.ok(!texts(sneaky).includes('{{DATE(2020'));
    assert.ok(!texts(sneaky).includes('[x](http://evil)'));
  });

  it('sends &, < and > as they are: card text is markdown, where an HTML entity would show literally', () => {
    const subject = "R&D sync <draft> Bob's 1:1";
    const shown = toAdaptiveCard(buildJoinCard(sampleRecord({ meeting: { ...sampleRecord().meeting, subject } }), reader));
    assert.ok(texts(shown).includes("R&D sync <draft> Bob's 1:1"), texts(shown));
    assert.ok(!JSON.stringify(shown.body).includes('&amp;') && !JSON.stringify(shown.body).includes('&lt;'));
  });

  it('makes Join the one primary button and puts the rest in the overflow menu', () => {
    const actions = (card.actions as Json[]).filter((a) => a.type !== 'Action.OpenUrl' || a.title === 'Join meeting');
    assert.deepEqual(actions.map((a) => [a.title, a.mode ?? 'primary']), [
      ['Join meeting', 'primary'],
      ['Add me', 'secondary'],
      ['Reschedule', 'secondary'],
      ['Cancel meeting', 'secondary'],
      ['Copy link', 'secondary'],
    ]);
  });

  it('shows the join link as a short labelled link, the full one behind Copy link', () => {
    const url = sampleRecord().meeting.joinUrl;
    assert.ok(texts(card).includes(`](${url})`));
    assert.ok(!texts(card).includes(`[${url}]`));
    const copy = (card.actions as Json[]).find((a) => a.title === 'Copy link') as { card: Json };
    assert.ok(texts(copy.card).includes(url.replace(/[_()]/g, (c) => `\\${c}`)) || texts(copy.card).includes(url));
  });

  it('puts the status first, coloured, in its own container', () => {
    const first = (card.body as Json[])[0] as { type: string; style: string; items: Json[] };
    assert.equal(first.type, 'Container');
    assert.equal(first.style, 'accent');
    assert.equal(first.items[0]?.text, 'Scheduled');
  });

  it('offers Join, the full link, meeting ID, passcode and dial-in', () => {
    const actions = card.actions as Json[];
    assert.deepEqual(actions[0], { type: 'Action.OpenUrl', title: 'Join meeting', url: sampleRecord().meeting.joinUrl });
    assert.ok(texts(card).includes(sampleRecord().meeting.joinUrl));
    const facts: Array<{ title: string; value: string }> = [];
    walk(card.body, (n) => {
      if (n.type === 'FactSet') facts.push(...(n.facts as typeof facts));
    });
    assert.deepEqual(facts.map((f) => f.title), ['Meeting ID', 'Passcode', 'Dial-in']);
    assert.equal(facts[0]?.value, '364 567 890');
    assert.equal(facts[1]?.value, 'Pq1xYz');
    assert.match(facts[2]?.value ?? '', /\+1 555 0100/);
  });

  it('makes every button an Action.Execute with a meetbot verb and an Action.Submit fallback', () => {
    const executes: Json[] = [];
    walk(card.actions, (n) => {
      if (n.type === 'Action.Execute') executes.push(n);
    });
    assert.deepEqual(executes.map((e) => e.verb).sort(), ['meetbot.add_me', 'meetbot.cancel', 'meetbot.reschedule']);
    for (const e of executes) {
      assert.deepEqual(e.data, { meetingId: 'MSoxZmFrZS1tZWV0aW5n' });
      assert.deepEqual((e.fallback as Json).type, 'Action.Submit');
      assert.deepEqual((e.fallback as Json).data, { verb: e.verb, meetingId: 'MSoxZmFrZS1tZWV0aW5n' });
    }
  });

  it('asks for date, time and duration to reschedule, prefilled in the reader zone', () => {
    const show = (card.actions as Json[]).find((a) => a.title === 'Reschedule') as { card: { body: Json[] } };
    assert.deepEqual(show.card.body.map((i) => [i.type, i.id, i.value]), [
      ['Input.Date', 'date', '2026-03-02'],
      ['Input.Time', 'time', '10:00'],
      ['Input.Number', 'durationMinutes', 30],
    ]);
  });

  it('shows a cancelled meeting without buttons or join link', () => {
    const cancelled = toAdaptiveCard(buildJoinCard(sampleRecord({ status: 'cancelled' }), reader));
    assert.deepEqual(cancelled.actions, []);
    assert.ok(!texts(cancelled).includes('meetup-join'));
    assert.match(texts(cancelled), /Cancelled/);
  });

  it('shows who is in a live call', () => {
    const live = toAdaptiveCard(
      buildJoinCard(sampleRecord({ call: { state: 'live', callId: 'c1', since: new Date('2026-03-02T09:01:00Z'), participants: [M365.alice] } }), reader),
    );
    assert.match(texts(live), /Live now: Alice Smith/);
  });
});
