// The core's entry point: the three calls adapters make, wired to the use cases once.
import type { Bot, BotDeps } from './bot-api';
import { createActionHandler } from './handlers/action';
import { createCallEventHandler } from './handlers/call-event';
import { createInvocationHandler } from './handlers/invocation';
import { createCardSync, createKeyedSerial, createUseCases } from './meetings';

/** The bot over `deps`. Every method resolves; failures become replies or log lines. */
export function createBot(deps: BotDeps): Bot {
  const syncCards = createCardSync(deps);
  const useCases = createUseCases({ ...deps, syncCards });
  // One queue per bot: changes to the same meeting (clicks, typed commands, call events) never interleave here;
  // other instances on the same database are kept in line by the store's compare-and-set (meetings/versioned.ts).
  const serial = createKeyedSerial();
  return {
    handleInvocation: createInvocationHandler(deps, useCases, serial),
    handleAction: createActionHandler(deps, useCases, serial),
    handleCallEvent: createCallEventHandler(deps, syncCards, serial),
  };
}
