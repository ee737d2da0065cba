import { strict as assert } from 'node:assert';
import { MEET_USAGE, parseMeetArgs } from '../../adapters/cli/meet-args';
import { runCli } from './run';

describe('meetbot meet arguments', () => {
  it('reads --as, --key and --json in any order, with or without "="', () => {
    assert.deepEqual(parseMeetArgs(['--json', '--as=alice', '/meet', 'now', '--key', 'k1']), {
      ok: true,
      value: { json: true, as: 'alice', key: 'k1', text: '/meet now' },
    });
  });

  it('keeps words after -- as text, even ones that look like options', () => {
    assert.deepEqual(parseMeetArgs(['--', '/meet', '--json']), { ok: true, value: { json: false, text: '/meet --json' } });
  });

  it('explains a missing value, an unknown option and missing text', () => {
    assert.deepEqual(parseMeetArgs(['--as']), { ok: false, error: '--as needs a value' });
    assert.deepEqual(parseMeetArgs(['--loud', '/meet']), { ok: false, error: 'unknown option --loud' });
    const empty = parseMeetArgs(['--json']);
    assert.equal(empty.ok, false);
  });

  it('answers help', () => {
    assert.deepEqual(parseMeetArgs(['--help']), { ok: 'help' });
  });

  it('names every option of meet in meetbot --help, as meetbot meet --help does', async () => {
    const help = await runCli(['--help'], {}, process.cwd());
    assert.equal(help.code, 0);
    for (const option of ['--as', '--key', '--json']) {
      assert.ok(MEET_USAGE.includes(option));
      assert.match(help.out, new RegExp(`meet .*${option}`), `meetbot --help omits ${option}`);
    }
  });
});
