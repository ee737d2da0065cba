// "Add to my calendar": every scheduled card links a signed, expiring .ics that a real iCalendar parser reads with the
// card's times; a reschedule raises SEQUENCE and moves the times, a cancel turns it into METHOD:CANCEL.
import { strict as assert } from 'node:assert';
import ical, { type VEvent } from 'node-ical';
import { createIcsSigner } from '../../adapters/server/ics-links';
import type { Meeting } from '../../src/bot-api';
import { startTestServer } from '../server/start';
import { SLACK, startSlackServer, tsOf, until, type SlackServer } from './slack-server';

interface Parsed {
  readonly method: string;
  readonly event: VEvent;
}

function parse(text: string): Parsed {
  const parsed = ical.sync.parseICS(text);
  const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
  assert.equal(events.length, 1, 'one event');
  const method = /^METHOD:(.+)\r?$/m.exec(text)?.[1] ?? '';
  return { method: method.trim(), event: events[0] as VEvent };
}

/** Every `<!date^unix^…>` token of a Slack message: the card's own start and end. */
const slackTimes = (blocks: unknown): number[] => [...JSON.stringify(blocks).matchAll(/<!date\^(\d+)\^/g)].map((m) => Number(m[1]) * 1000);

describe('the .ics link on scheduled cards', function () {
  this.timeout(60_000);
  let s: SlackServer;
  before(async () => (s = await startSlackServer()));
  after(() => s?.stop());

  it('downloads a calendar file with the card\'s times and join data, updated after a reschedule and cancelled after a cancel', async () => {
    await s.slash(`tomorrow 15:00 45m Design review <@${SLACK.bob}|bob>`);
    const card = await s.card();
    const text = JSON.stringify(card.args.blocks);
    const url = /<(http:\/\/[^|>]+\/calendar\/[^|>]+\.ics)\|Add to my calendar>/.exec(text)?.[1];
    assert.ok(url, 'the card links its .ics');
    const meetingId = /"value":"([^"]+)"/.exec(text)?.[1] ?? '';
    assert.ok(meetingId);

    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="meeting\.ics"/);
    const first = parse(await res.text());
    assert.equal(first.method, 'PUBLISH');
    const [start, end] = slackTimes(card.args.blocks);
    assert.equal(first.event.start.getTime(), start, 'DTSTART is the card\'s start');
    assert.equal(first.event.end?.getTime(), end, 'DTEND is the card\'s end');
    assert.equal(end! - start!, 45 * 60_000);
    assert.equal(first.event.summary, 'Design review');
    const description = String(first.event.description);
    assert.match(description, /Join the Microsoft Teams meeting: http:\/\/127\.0\.0\.1:\d+\/local\/meetings\//);
    assert.match(description, /Meeting ID: \d{3} \d{3}/);
    assert.match(description, /Passcode: \w+/);
    assert.match(description, /Dial in: \+1 425-555-0123, \+1 800-555-0123/);
    assert.match(description, /Phone conference ID: \d+#/);

    // Reschedule from the modal: the file moves and its SEQUENCE grows.
    const ts = tsOf(s.slack, card);
    await s.reschedule({ ts, meetingId }, { date: '2030-01-10', time: '16:30', minutes: 30 });
    const moved = await until(async () => {
      const again = parse(await (await fetch(url)).text());
      return again.event.start.getTime() !== first.event.start.getTime() ? again : undefined;
    });
    assert.equal(moved.event.start.toISOString(), '2030-01-10T16:30:00.000Z', '16:30 in London, in UTC');
    assert.equal(moved.event.end?.toISOString(), '2030-01-10T17:00:00.000Z');
    assert.ok(Number(moved.event.sequence) > Number(first.event.sequence), 'SEQUENCE grows after a reschedule');
    assert.equal(moved.event.uid, first.event.uid, 'the same event');

    // Cancel: the same link now cancels the event in calendars that imported it.
    const click = s.fixture('block-actions.json', { ts, meetingId });
    click.actions = [{ ...(click.actions as Record<string, unknown>[])[0], action_id: 'meetbot_cancel' }];
    assert.equal((await s.interact(click)).status, 200);
    const cancelled = await until(async () => {
      const text = await (await fetch(url)).text();
      return /METHOD:CANCEL/.test(text) ? parse(text) : undefined;
    });
    assert.equal(cancelled.event.status, 'CANCELLED');
    assert.ok(Number(cancelled.event.sequence) > Number(moved.event.sequence));
  });

  it('answers a forged or altered link with 404 and an expired one with 410, naming no meeting', async () => {
    await s.slash('tomorrow 10:00 Planning');
    const url = /<(http:\/\/[^|>]+\/calendar\/[^|>]+\.ics)\|/.exec(JSON.stringify((await s.card()).args.blocks))?.[1] ?? '';
    const [prefix, sig] = [url.slice(0, url.lastIndexOf('.', url.length - 5)), url.slice(url.lastIndexOf('.', url.length - 5) + 1, -4)];
    const flipped = `${prefix}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}.ics`;
    for (const bad of [flipped, `${s.t.url}/calendar/${Buffer.from('some-meeting').toString('base64url')}.9999999999.${'A'.repeat(43)}.ics`, `${s.t.url}/calendar/nothing.ics`]) {
      const res = await fetch(bad);
      assert.equal(res.status, 404, bad);
      assert.equal(await res.text(), 'No such calendar file.');
    }
    const meeting = { id: 'm-1', end: new Date('2026-01-01T10:00:00Z') } as Meeting;
    const signer = createIcsSigner('a'.repeat(32), () => 'https://meetbot.contoso.example');
    const link = signer.linkFor(meeting) ?? '';
    const file = link.slice(link.lastIndexOf('/') + 1);
    assert.deepEqual(signer.verify(file, new Date('2026-01-20T00:00:00Z')), { ok: true, meetingId: 'm-1' });
    assert.deepEqual(signer.verify(file, new Date('2026-02-01T00:00:00Z')), { ok: false, reason: 'expired' }, '30 days after the end');
    assert.deepEqual(createIcsSigner('b'.repeat(32), () => 'x').verify(file, new Date('2026-01-20T00:00:00Z')), { ok: false, reason: 'invalid' }, 'another key');
  });

  it('keeps calendar links out of the request log', async () => {
    const t = await startTestServer({ LOG_LEVEL: 'info' });
    try {
      const file = `${Buffer.from('some-meeting').toString('base64url')}.9999999999.${'Q'.repeat(43)}.ics`;
      assert.equal((await fetch(`${t.url}/calendar/${file}`)).status, 404);
      const lines = await until(() => {
        const found = t.logs().filter((l) => l.msg === 'request' && String(l.path).startsWith('/calendar/'));
        return found.length ? found : undefined;
      });
      assert.deepEqual(lines.map((l) => l.path), ['/calendar/{link}']);
      assert.ok(!JSON.stringify(t.logs()).includes(file));
    } finally {
      await t.stop();
    }
  });
});
