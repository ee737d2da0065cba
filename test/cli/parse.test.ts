import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { runCli, type CliRun } from './run';

const bin = join(__dirname, '../../bin/meetbot.js');
const baseEnv = (env: Record<string, string>) => ({ ...process.env, MEETBOT_TIME_ZONE: '', MEETBOT_DEFAULT_DURATION: '', ...env });

/** `meetbot` in this process (the bin's wiring has its own test below). */
function meetbot(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, baseEnv(env), process.cwd());
}

describe('meetbot parse', () => {
  it('prints exactly the contract JSON for a Russian scheduled meeting', async () => {
    const r = await meetbot(['parse', '--json', '--now', '2026-11-27T16:00:00Z', '--tz', 'Europe/Moscow', '/meet завтра в 15:00 на 30 минут Обзор дизайна @alice @bob']);
    assert.equal(r.code, 0);
    assert.equal(
      r.out,
      '{"ok":true,"command":{"kind":"meet","instant":false,"start":"2026-11-28T12:00:00.000Z","end":"2026-11-28T12:30:00.000Z","subject":"Обзор дизайна","attendees":["alice","bob"]}}\n',
    );
  });

  it('joins several positional words into one command text', async () => {
    const r = await meetbot(['parse', '--json', '--now', '2026-11-27T16:00:00Z', '--tz', 'UTC', '/meet', 'in', '2h', 'Sync', '@bob']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), {
      ok: true,
      command: { kind: 'meet', instant: false, start: '2026-11-27T18:00:00.000Z', end: '2026-11-27T18:30:00.000Z', subject: 'Sync', attendees: ['bob'] },
    });
  });

  it('answers a parse error with its code, the message in the chosen language and exit code 1', async () => {
    const r = await meetbot(['parse', '--json', '--locale', 'ru', '--now', '2026-11-27T16:00:00Z', '/meet 25:00']);
    assert.equal(r.code, 1);
    const line = JSON.parse(r.out) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(line.ok, false);
    assert.equal(line.error.code, 'invalid_time');
    assert.match(line.error.message, /Не удалось понять время «25:00»/);
  });

  it('uses MEETBOT_TIME_ZONE and MEETBOT_DEFAULT_DURATION when no flag is given', async () => {
    const r = await meetbot(['parse', '--json', '--now', '2026-11-27T16:00:00Z', 'tomorrow 10:00'], { MEETBOT_TIME_ZONE: 'Asia/Kolkata', MEETBOT_DEFAULT_DURATION: '45' });
    assert.equal(r.code, 0);
    const { command } = JSON.parse(r.out) as { command: { start: string; end: string } };
    assert.equal(command.start, '2026-11-28T04:30:00.000Z');
    assert.equal(command.end, '2026-11-28T05:15:00.000Z');
  });

  it('reads "EOD" as MEETBOT_END_OF_DAY and refuses a value that is no time of day', async () => {
    const r = await meetbot(['parse', '--json', '--now', '2026-11-30T08:00:00Z', '--tz', 'Europe/Berlin', '/meet EOD Wrap-up'], { MEETBOT_END_OF_DAY: '18:30' });
    assert.equal((JSON.parse(r.out) as { command: { start: string } }).command.start, '2026-11-30T17:30:00.000Z');
    const bad = await meetbot(['parse', '--json', 'EOD'], { MEETBOT_END_OF_DAY: '6pm' });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /MEETBOT_END_OF_DAY must be a time of day as HH:MM/);
  });

  it('prints a readable summary without --json', async () => {
    const r = await meetbot(['parse', '--now', '2026-11-27T16:00:00Z', '--tz', 'Europe/Moscow', 'tomorrow 15:00 Design review @bob']);
    assert.equal(r.code, 0);
    assert.equal(r.out, 'Meeting\nWhen: Sat 28 Nov 2026, 15:00–15:30 (Europe/Moscow)\nSubject: Design review\nAttendees: @bob\n');
  });

  it('prints help, list and cancel commands as JSON', async () => {
    assert.equal((await meetbot(['parse', '--json', 'help'])).out, '{"ok":true,"command":{"kind":"help"}}\n');
    assert.equal((await meetbot(['parse', '--json', '/meet list'])).out, '{"ok":true,"command":{"kind":"list"}}\n');
    assert.equal((await meetbot(['parse', '--json', '/meet cancel 42'])).out, '{"ok":true,"command":{"kind":"cancel","meeting":"42"}}\n');
  });

  it('rejects an unknown time zone with a clear message and exit code 2', async () => {
    const r = await meetbot(['parse', '--json', '--tz', 'Mars/Base', 'now']);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /--tz "Mars\/Base" is not an IANA time zone/);
  });

  it('rejects a bad --now, a bad --locale and an unknown flag with exit code 2', async () => {
    assert.match((await meetbot(['parse', '--now', 'yesterday-ish', 'now'])).err, /--now "yesterday-ish" is not a date/);
    assert.equal((await meetbot(['parse', '--now', 'yesterday-ish', 'now'])).code, 2);
    assert.equal((await meetbot(['parse', '--locale', 'de', 'now'])).code, 2);
    assert.equal((await meetbot(['parse', '--bogus', 'now'])).code, 2);
    assert.equal((await meetbot(['parse', 'now'], { MEETBOT_DEFAULT_DURATION: 'soon' })).code, 2);
  });

  it('runs as a real process through the bin: arguments in, JSON on stdout, the exit code out', async () => {
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      execFile(process.execPath, [bin, 'parse', '--json', '--locale', 'ru', '--now', '2026-11-27T16:00:00Z', '/meet 25:00'], { encoding: 'utf8', env: baseEnv({}) }, (error, stdout) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: stdout });
      });
    });
    assert.equal(r.code, 1);
    assert.equal((JSON.parse(r.out) as { error: { code: string } }).error.code, 'invalid_time');
  });
});
