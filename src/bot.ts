// The core's entry point: the calls adapters make, wired to the use cases once.
import type { Bot, BotDeps } from './bot-api';
import { createActionHandler } from './handlers/action';
import { admits } from './handlers/admission';
import { createCallEventHandler } from './handlers/call-event';
import { createRingEventHandler } from './handlers/ring-event';
import { failureReply } from './handlers/explain';
import { checkFormValues, createRescheduleForm } from './handlers/forms';
import { createInvocationHandler } from './handlers/invocation';
import { readerFor } from './handlers/reader';
import { createCardSync, createKeyedSerial, createUseCases } from './meetings';
import { createSummarySweep, createTaskRunner } from './meetings/summary';

/** The bot over `deps`. Every method resolves; failures become replies or log lines. */
export function createBot(deps: BotDeps): Bot {
  const syncCards = createCardSync(deps);
  const useCases = createUseCases({ ...deps, syncCards });
  // One queue per bot: changes to the same meeting (clicks, typed commands, call events) never interleave here;
  // other instances on the same database are kept in line by the store's compare-and-set (meetings/versioned.ts).
  const serial = createKeyedSerial();
  const sweep = createSummarySweep({ ...deps, syncCards });
  const runTask = createTaskRunner({ ...deps, syncCards });
  return {
    handleInvocation: createInvocationHandler(deps, useCases, serial),
    handleAction: createActionHandler(deps, useCases, serial),
    handleCallEvent: createCallEventHandler(deps, syncCards, serial),
    handleRingEvent: createRingEventHandler(deps, syncCards, serial),
    readerOf: (user, platform, report = {}) => readerFor(deps.config, user, platform, report),
    admits: (conversation) => admits(deps.config, conversation),
    explain: (error, locale, context = {}) => failureReply(error, locale, deps.logger, context),
    checkForm: checkFormValues,
    rescheduleForm: createRescheduleForm(deps),
    runTask,
    sweepSummaries: () => sweep(deps.clock.now()).catch((err: unknown) => deps.logger.error({ err }, 'call summary sweep failed')),
  };
}
