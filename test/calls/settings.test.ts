import { strict as assert } from 'node:assert';
import { botConfigOf, loadConfig } from '../../adapters/config';

describe('ringing settings', () => {
  it('rings and follows on request by default, and hands both settings to the core', () => {
    const loaded = loadConfig({});
    assert.ok(loaded.ok);
    assert.deepEqual([loaded.config.ring, loaded.config.watch], ['on', 'on']);
    const off = loadConfig({ MEETBOT_RING: 'off', MEETBOT_WATCH: 'always' });
    assert.ok(off.ok);
    const core = botConfigOf(off.config);
    assert.deepEqual([core.ring, core.watch], ['off', 'always']);
  });

  it('names the setting and what it takes when a value is wrong', () => {
    const loaded = loadConfig({ MEETBOT_RING: 'yes', MEETBOT_WATCH: 'sometimes' });
    assert.ok(!loaded.ok);
    assert.deepEqual(loaded.errors, ['MEETBOT_RING must be on or off, got "yes"', 'MEETBOT_WATCH must be off, on or always, got "sometimes"']);
  });
});
