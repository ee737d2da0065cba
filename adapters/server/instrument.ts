// Counting and timing around the core's ports, in the adapter layer so the core never sees prom-client.
import type { Bot, BotDeps } from '../../src/bot-api';
import type { Outbox } from '../../src/bot-api';
import { beforeSending } from '../outbox';
import type { OnCreated } from './meeting-chain';
import type { Metrics } from './metrics';

/** An outbox that counts the error replies going through it by code. */
function countingOutbox(outbox: Outbox, metrics: Metrics): Outbox {
  return beforeSending(outbox, (reply) => {
    if (reply.kind === 'error') metrics.errors.inc({ code: reply.code });
  });
}

/** The core's onCommand hook, counting commands by platform and kind (the core parses once; nothing parses again here). */
export function commandCounter(metrics: Metrics): NonNullable<BotDeps['onCommand']> {
  return (invocation, kind) => metrics.commands.inc({ platform: invocation.conversation.platform, kind });
}

/** The bot, counting card actions (as `action_<id>`) by platform, and error replies by code; commands count through commandCounter. */
export function instrumentBot(bot: Bot, metrics: Metrics): Bot {
  return {
    ...bot,
    handleInvocation: (invocation, outbox) => bot.handleInvocation(invocation, countingOutbox(outbox, metrics)),
    handleAction(action, outbox) {
      metrics.commands.inc({ platform: action.conversation.platform, kind: `action_${action.action}` });
      return bot.handleAction(action, countingOutbox(outbox, metrics));
    },
  };
}

/** A hook counting the meetings the service newly creates. */
export function countCreated(metrics: Metrics): OnCreated {
  return () => metrics.meetingsCreated.inc();
}

/** The fetch the Graph client uses, timing every request by method and status (`error` when no response came). */
export function timedFetch(inner: typeof fetch, metrics: Metrics): typeof fetch {
  return async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const end = metrics.graphRequestDuration.startTimer({ method });
    try {
      const response = await inner(input, init);
      end({ status: String(response.status) });
      return response;
    } catch (error) {
      end({ status: 'error' });
      throw error;
    }
  };
}
