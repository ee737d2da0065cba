// The one place where Bot Connector failures (REST errors, network errors) become BotErrors with transport codes;
// the core's explain() turns them into words.
import { BotError, isBotError } from '../../src/bot-api';

/** What the failed connector call was about. */
export interface ConnectorErrorContext {
  /** The mentioned person being looked up (TeamsInfo.getMember). */
  readonly mentionName?: string;
}

function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const candidate = 'statusCode' in err ? err.statusCode : 'status' in err ? err.status : undefined;
  return typeof candidate === 'number' ? candidate : undefined;
}

function codeOf(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  const direct = 'code' in err && typeof err.code === 'string' ? err.code : '';
  const message = err instanceof Error ? err.message : '';
  return `${direct} ${message}`;
}

/** Translates a connector failure; a BotError passes through unchanged. */
export function toBotError(err: unknown, ctx: ConnectorErrorContext = {}): BotError {
  if (isBotError(err)) return err;
  const status = statusOf(err);
  const code = codeOf(err);
  const opts = { cause: err };
  if (ctx.mentionName !== undefined) {
    // Tags, channels and teams arrive as ordinary mentions; the connector then says the member does not exist.
    if (status === 404 || status === 400 || /MemberNotFoundInConversation|NotFound/i.test(code)) {
      return new BotError('unsupported_mention', { name: ctx.mentionName }, opts);
    }
  }
  if (status === 429) return new BotError('chat_busy', {}, opts);
  if (status === 408 || status === 504 || /ETIMEDOUT|timeout/i.test(code)) return new BotError('chat_timeout', {}, opts);
  return new BotError('chat_unavailable', {}, opts);
}

/** A short, secret-free description of a failure for the log. */
export function describe(err: unknown): { status?: number; error: string } {
  const status = statusOf(err);
  const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { ...(status !== undefined ? { status } : {}), error: error.slice(0, 300) };
}
