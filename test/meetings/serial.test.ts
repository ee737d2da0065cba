import { strict as assert } from 'node:assert';
import { createKeyedSerial } from '../../src/meetings';

describe('one change at a time per meeting', () => {
  it('runs tasks of one key in order and keeps going after a failure', async () => {
    const serial = createKeyedSerial();
    const order: string[] = [];
    const slow = serial.run('m1', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      order.push('first');
      throw new Error('first failed');
    });
    const next = serial.run('m1', async () => {
      order.push('second');
      return 2;
    });
    await assert.rejects(slow, /first failed/);
    assert.equal(await next, 2);
    assert.deepEqual(order, ['first', 'second']);
  });

  it('does not make other meetings wait', async () => {
    const serial = createKeyedSerial();
    let release: () => void = () => undefined;
    const blocked = serial.run('m1', () => new Promise<void>((resolve) => (release = resolve)));
    assert.equal(await serial.run('m2', async () => 'free'), 'free');
    release();
    await blocked;
  });
});
