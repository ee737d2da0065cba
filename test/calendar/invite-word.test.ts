// The `invite` / `пригласить` word: a calendar invitation for this meeting, whatever MEETBOT_CALENDAR says; it is no
// part of the subject, and a title that merely starts with "Invite" stays a title.
import { strict as assert } from 'node:assert';
import { parseCommand, type Command } from '../../src/commands';
import { SLACK, startSlackServer, until, type SlackServer } from './slack-server';

const ctx = { now: new Date('2026-03-05T09:00:00Z'), timeZone: 'Europe/London', locale: 'en' as const, defaultDurationMinutes: 30, mentions: [{ token: '@alice', name: 'alice' }] };
const meet = (text: string): Extract<Command, { kind: 'meet' }> => {
  const r = parseCommand(text, ctx);
  assert.ok(r.ok && r.value.kind === 'meet', `${text}: ${JSON.stringify(r)}`);
  return r.value;
};

describe('the invite word', () => {
  it('asks for an invitation in English and Russian, and leaves the subject alone', () => {
    assert.deepEqual([meet('/meet tomorrow 15:00 Review @alice invite').invite, meet('/meet tomorrow 15:00 Review @alice invite').subject], [true, 'Review']);
    assert.deepEqual([meet('/meet завтра в 15:00 Обзор @alice пригласить').invite, meet('/meet завтра в 15:00 Обзор @alice пригласить').subject], [true, 'Обзор']);
    assert.equal(meet('/meet invite tomorrow 15:00 Review').invite, true);
    assert.equal(meet('/meet tomorrow 15:00 Review Invite').invite, true, 'any case as the last word');
    const title = meet('/meet tomorrow 15:00 Invite review');
    assert.equal(title.invite, undefined);
    assert.equal(title.subject, 'Invite review');
    assert.equal(meet('/meet tomorrow 15:00 "Invite"').invite, undefined, 'a quoted subject is never a command word');
  });

  describe('through Slack with MEETBOT_CALENDAR=off', function () {
    this.timeout(60_000);
    let s: SlackServer;
    before(async () => (s = await startSlackServer()));
    after(() => s?.stop());
    const calendar = async (who: string) =>
      ((await (await fetch(`${s.t.url}/local/graph/v1.0/users/${who}@contoso.example/events`)).json()) as { value: { subject: string }[] }).value.map((e) => e.subject);

    it('invites only the meeting whose command says invite', async () => {
      await s.slash('tomorrow 16:00 Plain');
      await s.card();
      await s.slash(`tomorrow 15:00 Review <@${SLACK.bob}|bob> invite`);
      await until(() => (s.slack.of('chat.postMessage').length === 2 ? true : undefined));
      assert.deepEqual(await calendar('bob'), ['Review']);
      assert.deepEqual(await calendar('alice'), ['Review']);
    });
  });
});
