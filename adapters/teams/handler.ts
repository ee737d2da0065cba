// The activity handler: parses each activity once and routes the parsed shape; nothing else reads raw activities.
import { ActivityHandler, ActivityTypes, type TurnContext } from 'botbuilder';
import { handleExecute, handleSubmit } from './action';
import { parseActivity, type ActivityBase } from './activity';
import { handleCommand } from './command';
import { replyConversationId } from './conversation';
import type { TurnDeps } from './turn';

/** Routes Teams activities to the core. */
export class MeetbotTeamsHandler extends ActivityHandler {
  constructor(private readonly deps: TurnDeps) {
    super();
  }

  /** Replaces the SDK's dispatch: the parsed union decides, so each shape is handled in one place. */
  protected override async onTurnActivity(ctx: TurnContext): Promise<void> {
    const parsed = parseActivity(ctx.activity);
    if (parsed.kind === 'ignored') {
      this.deps.logger.debug({ reason: parsed.reason }, 'teams activity ignored');
      if (ctx.activity.type === ActivityTypes.Invoke) await this.answerInvoke(ctx, 501, undefined);
      return;
    }
    this.keepInThread(ctx, parsed);
    switch (parsed.kind) {
      case 'command':
        return handleCommand(ctx, parsed, this.deps);
      case 'submit':
        return handleSubmit(ctx, parsed, this.deps);
      case 'execute':
        return this.answerInvoke(ctx, 200, await handleExecute(ctx, parsed, this.deps));
    }
  }

  /** Channel replies go to the reply chain of the command, not to a new post. */
  private keepInThread(ctx: TurnContext, parsed: ActivityBase): void {
    ctx.activity.conversation.id = replyConversationId(parsed);
  }

  private async answerInvoke(ctx: TurnContext, status: number, body: unknown): Promise<void> {
    await ctx.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
  }
}
