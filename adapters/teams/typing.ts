// The typing indicator while a command's job runs, as botbuilder's ShowTypingMiddleware shows it in a turn: only
// once the answer takes longer than a moment (a quick card flashes no indicator), then again before Teams hides it.
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../src/bot-api';

/** First indicator after this long (ShowTypingMiddleware's default). */
export const TYPING_DELAY_MS = 500;
/** Teams shows an indicator for about three seconds: renewed before then. */
export const TYPING_PERIOD_MS = 2_000;

/** Runs `work`, sending typing indicators into `ctx`'s conversation while it lasts longer than the delay. */
export async function typingWhile<T>(ctx: TurnContext, logger: Logger, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const tick = (): void => {
    ctx.sendActivity({ type: 'typing' }).then(
      () => {
        if (!done) timer = setTimeout(tick, TYPING_PERIOD_MS);
      },
      (err: unknown) => logger.debug({ err }, 'could not show the typing indicator'),
    );
  };
  timer = setTimeout(tick, TYPING_DELAY_MS);
  try {
    return await work();
  } finally {
    done = true;
    clearTimeout(timer);
  }
}
