// The activity handler: parses each activity once and routes the parsed shape; nothing else reads raw activities.
// Commands and Action.Submit clicks are recorded, then acknowledged (200) and finished as jobs; an
// Action.Execute click is recorded and answered in its own request (Teams waits for the new card), its job only
// a safety net for a request that dies. Without a durable queue (the adapter alone, in tests) everything runs in the turn.
import { ActivityHandler, ActivityTypes, type TurnContext } from 'botbuilder';
import { BotError } from '../../src/bot-api';
import type { Attempt } from '../jobs/durable';
import { handleExecute, handleSubmit } from './action';
import { parseActivity, type ActivityBase, type TeamsActivity } from './activity';
import { handleCommand } from './command';
import { replyConversationId, toConversationRef } from './conversation';
import { snapshot, TEAMS_WORK } from './jobs';
import { edgeErrorText, localeOf, replyText, type TurnDeps } from './turn';

type Handled = Exclude<TeamsActivity, { kind: 'ignored' }>;

const never = new AbortController().signal;

/** Routes Teams activities to the core. */
export class MeetbotTeamsHandler extends ActivityHandler {
  constructor(private readonly deps: TurnDeps) {
    super();
  }

  /** Replaces the SDK's dispatch: the parsed union decides, so each shape is handled in one place. */
  protected override async onTurnActivity(ctx: TurnContext): Promise<void> {
    const raw = this.deps.work.durable ? snapshot(ctx.activity) : {};
    const parsed = parseActivity(ctx.activity);
    if (parsed.kind === 'ignored') {
      this.deps.logger.debug({ reason: parsed.reason }, 'teams activity ignored');
      if (ctx.activity.type === ActivityTypes.Invoke) await this.answerInvoke(ctx, 501, undefined);
      return;
    }
    this.keepInThread(ctx, parsed);
    const receivedAt = this.deps.clock.now();
    if (parsed.kind === 'execute') {
      const attempt = await this.recorded(ctx, parsed, raw, receivedAt, true);
      // Not recorded (a repeat, or the store is down): answered in the turn all the same; the core knows repeats.
      return this.answerInvoke(ctx, 200, await handleExecute(ctx, parsed, this.deps, attempt ?? { receivedAt, signal: never }));
    }
    if (!this.deps.work.durable) return this.inTurn(ctx, parsed, { receivedAt, signal: never });
    // Recorded, the request is answered at once; the job shows typing if the card takes longer than a moment.
    await this.recorded(ctx, parsed, raw, receivedAt, false);
  }

  private inTurn(ctx: TurnContext, parsed: Extract<Handled, { kind: 'command' | 'submit' }>, attempt: Attempt): Promise<void> {
    if (parsed.kind === 'command') return this.typingThen(ctx, parsed, attempt);
    return handleSubmit(ctx, parsed, this.deps, attempt);
  }

  private async typingThen(ctx: TurnContext, parsed: Extract<Handled, { kind: 'command' }>, attempt: Attempt): Promise<void> {
    if (this.deps.bot.admits(toConversationRef(parsed))) await ctx.sendActivity({ type: 'typing' });
    await handleCommand(ctx, parsed, this.deps, attempt);
  }

  /**
   * Records the activity with its job; the first try's Attempt when it was recorded, undefined for a repeat. When the
   * store cannot record it the person is told (a command), or the click goes on in the turn (an Execute).
   */
  private async recorded(ctx: TurnContext, parsed: Handled, raw: Record<string, unknown>, receivedAt: Date, defer: boolean): Promise<Attempt | undefined> {
    if (!this.deps.work.durable) return undefined;
    const delivery = { conversation: toConversationRef(parsed), idempotencyKey: parsed.id, receivedAt };
    try {
      if (!(await this.deps.work.accept(delivery, TEAMS_WORK, { activity: raw }, { defer }))) {
        this.deps.logger.info({ idempotencyKey: parsed.id }, 'repeated delivery of a Teams activity; the first one answers');
        return undefined;
      }
    } catch (err) {
      this.deps.logger.error({ err, kind: parsed.kind }, 'could not record a Teams activity');
      if (!defer) await replyText(ctx, edgeErrorText(this.deps, new BotError('store_unavailable', {}, { cause: err }), localeOf(this.deps, parsed), 'record'), this.deps.logger);
      return undefined;
    }
    return { delivery: { retryCount: 0 }, receivedAt, signal: never };
  }

  /** Channel replies go to the reply chain of the command, not to a new post. */
  private keepInThread(ctx: TurnContext, parsed: ActivityBase): void {
    ctx.activity.conversation.id = replyConversationId(parsed);
  }

  private async answerInvoke(ctx: TurnContext, status: number, body: unknown): Promise<void> {
    await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
  }
}
