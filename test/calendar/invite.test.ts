// MEETBOT_CALENDAR=invite through Slack and the local Graph: a scheduled meeting becomes a calendar event with a Teams
// meeting, on the organizer's and each attendee's local calendar; a reschedule moves it there, "Add me" adds the
// clicker to it, a cancel removes it from every calendar.
import { strict as assert } from 'node:assert';
import { SLACK, startSlackServer, tsOf, until, type SlackServer } from './slack-server';

interface GraphEvent {
  readonly id: string;
  readonly subject: string;
  readonly start: { dateTime: string; timeZone: string };
  readonly isOnlineMeeting: boolean;
  readonly onlineMeetingProvider: string;
  readonly transactionId: string;
  readonly onlineMeeting: { joinUrl: string } | null;
  readonly attendees: { type: string; emailAddress: { address: string } }[];
}

describe('calendar invitations (MEETBOT_CALENDAR=invite)', function () {
  this.timeout(60_000);
  let s: SlackServer;
  before(async () => (s = await startSlackServer({ MEETBOT_CALENDAR: 'invite' })));
  after(() => s?.stop());

  const calendar = async (who: string): Promise<GraphEvent[]> => {
    const res = await fetch(`${s.t.url}/local/graph/v1.0/users/${who}@contoso.example/events`);
    assert.equal(res.status, 200);
    return ((await res.json()) as { value: GraphEvent[] }).value;
  };

  it('puts the meeting on everyone\'s calendar, moves it there, adds whoever clicks Add me, and removes it on cancel', async () => {
    await s.slash(`tomorrow 15:00 Review <@${SLACK.bob}|bob> <@${SLACK.carol}|carol>`);
    const card = await s.card();
    const blocks = JSON.stringify(card.args.blocks);
    const meetingId = /"value":"([^"]+)"/.exec(blocks)?.[1] ?? '';

    const [event] = await calendar('alice');
    assert.ok(event, "on alice's calendar");
    assert.equal(event.subject, 'Review');
    assert.equal(event.isOnlineMeeting, true);
    assert.equal(event.onlineMeetingProvider, 'teamsForBusiness');
    assert.ok(event.transactionId, 'idempotent like createOrGet');
    assert.deepEqual(event.attendees.map((a) => [a.emailAddress.address, a.type]), [['bob@contoso.example', 'required'], ['carol@contoso.example', 'required']]);
    assert.ok(event.onlineMeeting && blocks.includes(event.onlineMeeting.joinUrl.replace(/&/g, '&amp;').slice(0, 60)), 'the card shows the event\'s join data');
    for (const who of ['bob', 'carol']) assert.deepEqual((await calendar(who)).map((e) => e.id), [event.id], `on ${who}'s calendar`);
    assert.deepEqual(await calendar('dmitry'), []);
    const page = await (await fetch(`${s.t.url}/local/meetings/calendar/alice`)).text();
    assert.match(page, /<h1>Alice Johnson's calendar<\/h1>/);
    assert.match(page, /<strong>Review<\/strong>/);
    const joinToken = /\/local\/meetings\/([\w-]+)\?/.exec(event.onlineMeeting?.joinUrl ?? '')?.[1] ?? '';
    const joinPage = await (await fetch(`${s.t.url}/local/meetings/${joinToken}`)).text();
    assert.match(joinPage, /<a href="\/local\/meetings\/calendar\/alice">Alice Johnson's calendar<\/a> · <a href="\/local\/meetings\/calendar\/bob">Bob Smith's calendar<\/a>/);

    // Reschedule from the modal: the event moves on every calendar.
    const ts = tsOf(s.slack, card);
    await s.reschedule({ ts, meetingId }, { date: '2030-01-10', time: '16:30', minutes: 30 });
    const moved = await until(async () => ((await calendar('bob'))[0]?.start.dateTime.startsWith('2030-01-10T16:30:00') ? true : undefined));
    assert.ok(moved);

    // Dmitry clicks Add me: he is invited to the event too.
    const click = s.fixture('block-actions.json', { ts, meetingId }, SLACK.dmitry);
    click.actions = [{ ...(click.actions as Record<string, unknown>[])[0], action_id: 'meetbot_add_me', action_ts: '1700000200.000001' }];
    assert.equal((await s.interact(click)).status, 200);
    await until(async () => ((await calendar('dmitry')).length === 1 ? true : undefined));

    // Cancel: gone from every calendar.
    const cancel = s.fixture('block-actions.json', { ts, meetingId });
    cancel.actions = [{ ...(cancel.actions as Record<string, unknown>[])[0], action_id: 'meetbot_cancel', action_ts: '1700000300.000001' }];
    cancel.trigger_id = '12466734323.1395872398.2b0fbd0e4c6b0d5e9a1f4b1b0e8d2f2b';
    assert.equal((await s.interact(cancel)).status, 200);
    await until(async () => ((await calendar('alice')).length === 0 ? true : undefined));
    for (const who of ['bob', 'carol', 'dmitry']) assert.deepEqual(await calendar(who), [], `off ${who}'s calendar`);
    await until(() => (s.slack.of('chat.update').some((u) => JSON.stringify(u.args).includes('Cancelled')) ? true : undefined));
  });
});

describe('calendar invitations offered on the card (MEETBOT_CALENDAR=ask)', function () {
  this.timeout(60_000);
  let s: SlackServer;
  before(async () => (s = await startSlackServer({ MEETBOT_CALENDAR: 'ask' })));
  after(() => s?.stop());

  const calendar = async (who: string): Promise<(GraphEvent & { body: { content: string } })[]> =>
    ((await (await fetch(`${s.t.url}/local/graph/v1.0/users/${who}@contoso.example/events`)).json()) as { value: (GraphEvent & { body: { content: string } })[] }).value;

  it('puts the meeting on calendars only when the organizer presses Add to calendars, with the card\'s own join link', async () => {
    await s.slash(`tomorrow 11:00 Retro <@${SLACK.bob}|bob>`);
    const card = await s.card();
    const blocks = JSON.stringify(card.args.blocks);
    assert.match(blocks, /"action_id":"meetbot_add_to_calendars"/);
    assert.match(blocks, /"text":"Add to calendars"/);
    assert.deepEqual(await calendar('bob'), [], 'nothing on calendars before the click');
    const meetingId = /"value":"([^"]+)"/.exec(blocks)?.[1] ?? '';
    const joinUrl = /<(http:\/\/[^|>]+\/local\/meetings\/(?!dial-in)[^|>]+)\|/.exec(blocks)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const ts = tsOf(s.slack, card);

    const refused = s.fixture('block-actions.json', { ts, meetingId }, SLACK.bob);
    refused.actions = [{ ...(refused.actions as Record<string, unknown>[])[0], action_id: 'meetbot_add_to_calendars', action_ts: '1700000400.000001' }];
    assert.equal((await s.interact(refused)).status, 200);
    const answer = await until(() => s.slack.hooks.find((h) => /Only the organizer/.test(String(h.body.text))));
    assert.match(String(answer.body.text), /Only the organizer, Alice Johnson, can put on calendars this meeting\./);

    const click = s.fixture('block-actions.json', { ts, meetingId });
    click.actions = [{ ...(click.actions as Record<string, unknown>[])[0], action_id: 'meetbot_add_to_calendars', action_ts: '1700000500.000001' }];
    click.trigger_id = '12466734323.1395872398.3c0fbd0e4c6b0d5e9a1f4b1b0e8d2f2c';
    assert.equal((await s.interact(click)).status, 200);
    const [event] = await until(async () => {
      const events = await calendar('bob');
      return events.length ? events : undefined;
    });
    assert.equal(event?.subject, 'Retro');
    assert.ok(joinUrl && event?.body.content.includes(joinUrl.split('?')[0] ?? joinUrl), `the invitation carries the card's join link: ${event?.body.content} vs ${joinUrl}`);
    const update = await until(() => s.slack.of('chat.update').find((u) => u.args.ts === ts));
    assert.doesNotMatch(JSON.stringify(update.args.blocks), /meetbot_add_to_calendars/, 'offered once');
  });
});
