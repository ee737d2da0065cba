// A bot for adapter tests that stub the core's handlers but still need its answers about readers, words and forms.
import type { Bot, BotConfig } from '../../src/bot-api';
import { createHarness } from './harness';

/** A real bot over in-memory fakes, with `overrides` (sinon stubs, usually) in place of any of its methods. */
export function stubBot<T extends Partial<Bot>>(overrides: T, config: Partial<BotConfig> = {}): Bot & T {
  return { ...createHarness({ config }).bot, ...overrides };
}
