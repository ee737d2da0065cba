// Teams work that outlives its request: the activity as Teams sent it is recorded before the request is answered
// and finished by whichever instance takes its job, through a proactive turn in its conversation
// (`continueConversationAsync` with the stored reference), since the original request is gone. That turn shows the
// typing indicator when the card takes longer than a moment.
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { Attempt, DurableWork } from '../jobs/durable';
import { handleSubmit } from './action';
import { parseActivity } from './activity';
import { handleCommand } from './command';
import { readRouting, toConversationRef, toConversationReference } from './conversation';
import type { TurnDeps } from './turn';
import { typingWhile } from './typing';

/** The kind of recorded Teams work. */
export const TEAMS_WORK = 'teams.activity';

const recorded = z.object({ activity: z.record(z.string(), z.unknown()) });

/** The activity as plain JSON, before the turn changes anything on it (the thread id, for one). */
export function snapshot(activity: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
}

/** Registers how recorded Teams activities are finished; `adapter` is asked for by the first job (it loads botbuilder). */
export function registerTeamsWork(work: DurableWork, adapter: () => CloudAdapter, appId: string, deps: TurnDeps): void {
  work.handle(TEAMS_WORK, async (payload: unknown, attempt: Attempt) => {
    const read = recorded.safeParse(payload);
    if (!read.success) throw new Error('unreadable recorded Teams activity');
    const parsed = parseActivity(read.data.activity);
    if (parsed.kind === 'ignored') {
      deps.logger.warn({ reason: parsed.reason }, 'a recorded Teams activity no longer parses; dropping it');
      return;
    }
    const routing = readRouting(toConversationRef(parsed));
    if (!routing) throw new Error('a recorded Teams activity has no routing');
    await adapter().continueConversationAsync(appId, toConversationReference(routing) as ConversationReference, async (ctx) => {
      // Replies go to the activity itself, as the turn would have answered: the same thread, the same reply chain.
      ctx.activity.id = parsed.id;
      if (parsed.kind === 'command') {
        const admitted = deps.bot.admits(toConversationRef(parsed));
        await (admitted ? typingWhile(ctx, deps.logger, () => handleCommand(ctx, parsed, deps, attempt)) : handleCommand(ctx, parsed, deps, attempt));
      } else await handleSubmit(ctx, parsed, deps, attempt);
    });
  });
}
