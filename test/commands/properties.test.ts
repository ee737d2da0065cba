import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ERROR_CODES } from '../../src/errors';
import { parseCommand, type ParseContext } from '../../src/commands';
import { GRAMMAR_MENTIONS, ZONES, commandText, readerNow } from './grammar';

const codes = new Set<string>(ERROR_CODES);
const DAY_MS = 24 * 3_600_000;

// The slowest input seen, kept for the benchmark report (never asserted on: tests do not time things).
let slowest = { micros: 0, text: '' };
let calls = 0;

function check(text: string, ctx: ParseContext): void {
  const t0 = performance.now();
  const result = parseCommand(text, ctx);
  const micros = (performance.now() - t0) * 1000;
  // the first calls pay for JIT and module warm-up, which is not the parser's cost
  if (++calls > 200 && micros > slowest.micros) slowest = { micros, text };
  if (!result.ok) {
    assert.ok(codes.has(result.code), `unknown code ${result.code}`);
    assert.notEqual(result.code, 'internal', `parser bug on ${JSON.stringify(text)}`);
    return;
  }
  const cmd = result.value;
  if (cmd.kind !== 'meet') return;
  const span = cmd.end.getTime() - cmd.start.getTime();
  assert.ok(span > 0, `end not after start for ${JSON.stringify(text)}`);
  assert.ok(span <= DAY_MS, `longer than 24 h for ${JSON.stringify(text)}`);
  assert.ok(cmd.start.getTime() >= ctx.now.getTime() - 60_000, `start in the past for ${JSON.stringify(text)}`);
  const keys = cmd.attendees.map((a) => (a.kind === 'email' ? `e:${a.email.toLowerCase()}` : `m:${a.name.toLowerCase()}`));
  assert.equal(new Set(keys).size, keys.length, `duplicate attendees for ${JSON.stringify(text)}`);
  if (cmd.subject !== null) assert.ok(cmd.subject.trim() !== '' && [...cmd.subject].length <= 255);
}

const context = fc.record({
  now: readerNow,
  timeZone: fc.constantFrom(...ZONES),
  locale: fc.constantFrom<'en' | 'ru'>('en', 'ru'),
  defaultDurationMinutes: fc.constantFrom(15, 30, 60, 1440),
  mentions: fc.constantFrom(
    GRAMMAR_MENTIONS,
    [],
    [{ token: '@alice', name: 'alice' }, { token: '<@U123|bob>', name: 'U123' }],
    [{ token: '<!channel>', name: 'channel' }, { token: '<!subteam^S1|@team>', name: 'S1' }, { token: '<@U456>', name: 'U456' }],
  ),
});

describe('command language properties', () => {
  after(() => {
    mkdirSync(join(__dirname, '../../test-artifacts'), { recursive: true });
    writeFileSync(join(__dirname, '../../test-artifacts/parse-slowest.json'), `${JSON.stringify(slowest)}\n`);
  });

  it('answers any unicode text with a command or a known error code, never throwing', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), context, (text, ctx) => check(text, ctx)), { numRuns: 3000 });
  });

  it('answers any shuffle of real command parts with a valid meeting or a known error code', () => {
    fc.assert(fc.property(commandText, context, (text, ctx) => check(text, ctx)), { numRuns: 5000 });
  });

  it('reads nothing inside a quoted part: only the subject changes with what is quoted', () => {
    const inner = fc.oneof(commandText, fc.string({ maxLength: 60 })).filter((t) => !/["“”«»„]/.test(t) && t.trim() !== '' && t.length <= 200);
    fc.assert(
      fc.property(inner, commandText, context, (quoted, rest, ctx) => {
        const plain = parseCommand(`/meet "x" ${rest}`, ctx);
        const literal = parseCommand(`/meet "${quoted}" ${rest}`, ctx);
        if (!plain.ok && plain.code === 'unclear_phrase') {
          // the question is the same; only its examples carry the quoted subject
          assert.ok(!literal.ok && literal.code === plain.code, `quoted ${JSON.stringify(quoted)} changed the answer to ${JSON.stringify(rest)}`);
          assert.deepEqual({ ...literal.params, example: '' }, { ...plain.params, example: '' });
          return;
        }
        if (!plain.ok || plain.value.kind !== 'meet') {
          assert.deepEqual(literal, plain, `quoted ${JSON.stringify(quoted)} changed the answer to ${JSON.stringify(rest)}`);
          return;
        }
        assert.ok(literal.ok && literal.value.kind === 'meet', `quoted ${JSON.stringify(quoted)} changed the answer to ${JSON.stringify(rest)}`);
        assert.deepEqual({ ...literal.value, subject: 'x' }, plain.value);
        assert.equal(literal.value.subject, quoted.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('never turns a Slack broadcast the platform did not report into an attendee', () => {
    fc.assert(
      fc.property(commandText, fc.constantFrom('<!channel>', '<!here>', '<!everyone>', '<!subteam^S123|@team>'), context, (text, broadcast, ctx) => {
        const r = parseCommand(`${text} ${broadcast}`, { ...ctx, mentions: [] });
        if (!r.ok || r.value.kind !== 'meet') return;
        const names = r.value.attendees.map((a) => (a.kind === 'email' ? a.email : a.name));
        for (const name of ['channel', 'here', 'everyone', 'S123', 'team']) assert.ok(!names.includes(name), `${name} invited by ${JSON.stringify(text)}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps its promises on long and repetitive input', () => {
    fc.assert(
      fc.property(fc.constantFrom('@a ', 'a@b.co ', '10:00 ', '"x" ', '<@U1> ', 'Dec 1 ', 'через ', '1h30 ', '«'), fc.integer({ min: 1, max: 2000 }), context, (unit, n, ctx) =>
        check(unit.repeat(n), ctx),
      ),
      { numRuns: 200 },
    );
  });

  it('falls back to UTC for an unknown zone and to 30 minutes for a nonsense default duration', () => {
    const r = parseCommand('/meet', { now: new Date('2026-01-01T00:00:00Z'), timeZone: 'Mars/Base', locale: 'en', defaultDurationMinutes: Number.NaN });
    assert.ok(r.ok && r.value.kind === 'meet');
    assert.equal(r.value.end.getTime() - r.value.start.getTime(), 30 * 60_000);
  });

  it('answers an invalid now with a coded error instead of throwing', () => {
    const r = parseCommand('/meet', { now: new Date(Number.NaN), timeZone: 'UTC', locale: 'en', defaultDurationMinutes: 30 });
    assert.ok(!r.ok && codes.has(r.code));
  });
});
