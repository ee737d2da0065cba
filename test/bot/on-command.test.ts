import { strict as assert } from 'node:assert';
import { createBot } from '../../src/bot';
import type { Invocation } from '../../src/types';
import { chat, FakeOutbox } from '../fakes';
import { FakeClock } from '../fakes/clock';
import { FakeLogger } from '../fakes/logger';
import { FakeMeetingService } from '../fakes/meeting-service';
import { FakeMessenger } from '../fakes/messenger';
import { castDirectory } from '../fakes/people';
import { FakeMeetingStore } from '../fakes/store';

describe('bot: telling what each command asked for', () => {
  function botTelling(told: string[]) {
    const clock = new FakeClock('2025-03-05T12:00:00Z');
    const bot = createBot({
      meetings: new FakeMeetingService(clock),
      directory: castDirectory(),
      store: new FakeMeetingStore(),
      messenger: new FakeMessenger(),
      clock,
      logger: new FakeLogger(),
      config: { defaultDurationMinutes: 30, defaultTimeZone: 'UTC', defaultLocale: 'en' },
      onCommand: (invocation, kind) => told.push(`${invocation.text}=${kind}`),
    });
    let n = 0;
    return (text: string) => {
      const conversation = { platform: 'local' as const, id: 'general' };
      const invocation: Invocation = { text, mentions: [], invoker: chat.alice.local, conversation, receivedAt: clock.now(), idempotencyKey: `k-${++n}` };
      return bot.handleInvocation(invocation, new FakeOutbox(conversation));
    };
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
