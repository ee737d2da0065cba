import { strict as assert } from 'node:assert';
import { chat } from '../fakes';
import { createHarness } from '../fakes/harness';

describe('bot: telling what each command asked for', () => {
  function botTelling(told: string[]) {
    const h = createHarness({ onCommand: (invocation, kind) => told.push(`${invocation.text}=${kind}`) });
    return (text: string) => h.invoke(text, { as: chat.alice.local });
  }

  it('tells the kind of every typed command once, and invalid for what it cannot read', async () => {
    const told: string[] = [];
    const say = botTelling(told);
    await say('now');
    await say('help');
    await say('list');
    await say('tomorrow 25:99');
    assert.deepEqual(told, ['now=meet', 'help=help', 'list=list', 'tomorrow 25:99=invalid']);
  });
});
