import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../adapters/cli';

const bin = join(__dirname, '../../bin/meetbot.js');
const env = { ...process.env, MEETBOT_TIME_ZONE: '', MEETBOT_DEFAULT_DURATION: '' };

/** `meetbot parse --jsonl <flags>` in this process, with `input` as its stdin. */
async function lines(input: string, flags: string[] = []): Promise<{ code: number; out: string[]; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['parse', '--jsonl', ...flags], {
    env: { ...env },
    cwd: process.cwd(),
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    stdin: Readable.from([input]),
  });
  return { code, out: out.split('\n').filter(Boolean), err };
}

describe('meetbot parse --jsonl', () => {
  it('answers each line with the same JSON as --json, in order, each in its own zone, time and language', async () => {
    const input = [
      JSON.stringify({ text: '/meet завтра в 15:00 на 30 минут Обзор дизайна @alice @bob', now: '2026-11-27T16:00:00Z', tz: 'Europe/Moscow' }),
      JSON.stringify({ text: '/meet quarter to 5 Wrap-up', now: '2026-11-30T08:00:00Z', tz: 'Europe/Berlin' }),
      JSON.stringify({ text: '/meet cancel 12 34 56' }),
    ].join('\n');
    const r = await lines(input);
    assert.equal(r.code, 0);
    assert.deepEqual(r.out.map((line) => JSON.parse(line) as unknown), [
      { ok: true, command: { kind: 'meet', instant: false, start: '2026-11-28T12:00:00.000Z', end: '2026-11-28T12:30:00.000Z', subject: 'Обзор дизайна', attendees: ['alice', 'bob'] } },
      { ok: true, command: { kind: 'meet', instant: false, start: '2026-11-30T15:45:00.000Z', end: '2026-11-30T16:15:00.000Z', subject: 'Wrap-up', attendees: [] } },
      { ok: true, command: { kind: 'cancel', meeting: '123456' } },
    ]);
  });

  it('gives an unclear phrase its question in the line\'s language, with the commands it suggests', async () => {
    const r = await lines(`${JSON.stringify({ text: '/meet завтро в 10 Ретро', now: '2026-11-30T06:00:00Z', tz: 'Europe/Moscow', locale: 'ru' })}\n`);
    const line = JSON.parse(r.out[0] ?? '') as { ok: boolean; error: { code: string; message: string; suggestions: string[] } };
    assert.equal(line.error.code, 'unclear_phrase');
    assert.match(line.error.message, /не «завтро»/);
    assert.deepEqual(line.error.suggestions, ['/meet завтра в 10 Ретро', '/meet сегодня в 10:00 "завтро Ретро"']);
  });

  it('takes --now, --tz and --locale as the defaults for lines that give none', async () => {
    const r = await lines('{"text":"/meet 25:00"}\n{"text":"at 5"}\n', ['--now', '2026-11-30T06:00:00Z', '--tz', 'Europe/Moscow', '--locale', 'ru']);
    assert.match((JSON.parse(r.out[0] ?? '') as { error: { message: string } }).error.message, /Не удалось понять время «25:00»/);
    assert.equal((JSON.parse(r.out[1] ?? '') as { command: { start: string } }).command.start, '2026-11-30T14:00:00.000Z');
  });

  it('answers a line it cannot read with a clear message, carries on, and exits 1', async () => {
    const r = await lines('not json\n{"text":5}\n\n{"text":"now","tz":"Mars/Base"}\n{"text":"now","now":"soon"}\n{"text":"/meet"}\n', ['--now', '2026-11-30T06:00:00Z']);
    assert.equal(r.code, 1);
    assert.equal(r.out.length, 5, 'blank lines are skipped, every other line answered');
    const errors = r.out.slice(0, 4).map((line) => (JSON.parse(line) as { error: { code: string; message: string } }).error);
    assert.deepEqual(errors.map((e) => e.code), ['bad_request', 'bad_request', 'bad_request', 'bad_request']);
    assert.match(errors[0]?.message ?? '', /line 1 is not JSON/);
    assert.match(errors[1]?.message ?? '', /line 2 needs "text"/);
    assert.match(errors[2]?.message ?? '', /line 4: "tz" must be an IANA time zone/);
    assert.match(errors[3]?.message ?? '', /line 5: "now" must be an ISO 8601/);
    assert.equal((JSON.parse(r.out[4] ?? '') as { ok: boolean }).ok, true);
  });

  it('refuses a text given beside --jsonl, which reads its texts from stdin', async () => {
    const r = await lines('', ['/meet now']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--jsonl reads the texts from stdin/);
  });

  it('reads a thousand lines piped into the real bin in one process', async () => {
    const input = Array.from({ length: 1000 }, (_, i) => JSON.stringify({ text: `/meet tomorrow ${String(i % 24).padStart(2, '0')}:00 Sync ${i}`, now: '2026-11-30T08:00:00Z', tz: 'UTC' })).join('\n');
    const out = await new Promise<string>((resolve, reject) => {
      const child = execFile(process.execPath, [bin, 'parse', '--jsonl'], { encoding: 'utf8', env, maxBuffer: 10_000_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
      child.stdin?.end(input);
    });
    const results = out.trim().split('\n').map((line) => JSON.parse(line) as { command: { start: string; subject: string } });
    assert.equal(results.length, 1000);
    assert.equal(results[999]?.command.subject, 'Sync 999');
    assert.equal(results[999]?.command.start, '2026-12-01T15:00:00.000Z');
  });
});
