import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = join(__dirname, '../../bin/meetbot.js');

function meetbot(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, MEETBOT_TIME_ZONE: '', MEETBOT_DEFAULT_DURATION: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('meetbot parse', () => {
  it('prints exactly the contract JSON for a Russian scheduled meeting', () => {
    const r = meetbot(['parse', '--json', '--now', '2026-11-27T16:00:00Z', '--tz', 'Europe/Moscow', '/meet завтра в 15:00 на 30 минут Обзор дизайна @alice @bob']);
    assert.equal(r.code, 0);
    assert.equal(
      r.out,
      '{"ok":true,"command":{"kind":"meet","instant":false,"start":"2026-11-28T12:00:00.000Z","end":"2026-11-28T12:30:00.000Z","subject":"Обзор дизайна","attendees":["alice","bob"]}}\n',
    );
  });

  it('joins several positional words into one command text', () => {
    const r = meetbot(['parse', '--json', '--now', '2026-11-27T16:00:00Z', '--tz', 'UTC', '/meet', 'in', '2h', 'Sync', '@bob']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), {
      ok: true,
      command: { kind: 'meet', instant: false, start: '2026-11-27T18:00:00.000Z', end: '2026-11-27T18:30:00.000Z', subject: 'Sync', attendees: ['bob'] },
    });
  });

  it('answers a parse error with its code, the message in the chosen language and exit code 1', () => {
    const r = meetbot(['parse', '--json', '--locale', 'ru', '--now', '2026-11-27T16:00:00Z', '/meet 25:00']);
    assert.equal(r.code, 1);
    const line = JSON.parse(r.out) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(line.ok, false);
    assert.equal(line.error.code, 'invalid_time');
    assert.match(line.error.message, /Не удалось понять время «25:00»/);
  });

  it('uses MEETBOT_TIME_ZONE and MEETBOT_DEFAULT_DURATION when no flag is given', () => {
    const r = meetbot(['parse', '--json', '--now', '2026-11-27T16:00:00Z', 'tomorrow 10:00'], { MEETBOT_TIME_ZONE: 'Asia/Kolkata', MEETBOT_DEFAULT_DURATION: '45' });
    assert.equal(r.code, 0);
    const { command } = JSON.parse(r.out) as { command: { start: string; end: string } };
    assert.equal(command.start, '2026-11-28T04:30:00.000Z');
    assert.equal(command.end, '2026-11-28T05:15:00.000Z');
  });

  it('prints a readable summary without --json', () => {
    const r = meetbot(['parse', '--now', '2026-11-27T16:00:00Z', '--tz', 'Europe/Moscow', 'tomorrow 15:00 Design review @bob']);
    assert.equal(r.code, 0);
    assert.equal(r.out, 'Meeting\nWhen: Sat 28 Nov 2026, 15:00–15:30 (Europe/Moscow)\nSubject: Design review\nAttendees: @bob\n');
  });

  it('prints help, list and cancel commands as JSON', () => {
    assert.equal(meetbot(['parse', '--json', 'help']).out, '{"ok":true,"command":{"kind":"help"}}\n');
    assert.equal(meetbot(['parse', '--json', '/meet list']).out, '{"ok":true,"command":{"kind":"list"}}\n');
    assert.equal(meetbot(['parse', '--json', '/meet cancel 42']).out, '{"ok":true,"command":{"kind":"cancel","meeting":"42"}}\n');
  });

  it('rejects an unknown time zone with a clear message and exit code 2', () => {
    const r = meetbot(['parse', '--json', '--tz', 'Mars/Base', 'now']);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /--tz "Mars\/Base" is not an IANA time zone/);
  });

  it('rejects a bad --now, a bad --locale and an unknown flag with exit code 2', () => {
    assert.match(meetbot(['parse', '--now', 'yesterday-ish', 'now']).err, /--now "yesterday-ish" is not a date/);
    assert.equal(meetbot(['parse', '--now', 'yesterday-ish', 'now']).code, 2);
    assert.equal(meetbot(['parse', '--locale', 'de', 'now']).code, 2);
    assert.equal(meetbot(['parse', '--bogus', 'now']).code, 2);
    assert.equal(meetbot(['parse', 'now'], { MEETBOT_DEFAULT_DURATION: 'soon' }).code, 2);
  });
});
