// The one place where Graph failures (GraphError, fetch failures, aborts, credential errors) become BotErrors.
import { GraphError } from '@microsoft/microsoft-graph-client';
import { BotError, isBotError } from '../../src/bot-api';

/** What a Graph call was about, so a bare status can name the right thing to the user. */
export interface GraphErrorContext {
  /** The person the call acted for or looked up (access policy, user not found). */
  readonly userName?: string;
  /** The meeting the call addressed; a 404 then means the meeting is gone. */
  readonly meetingId?: string;
  /** Our app (client) id, quoted in the access-policy advice. */
  readonly appId?: string;
}

const DETAIL_MAX = 200;
const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError']);
const AUTH_NAMES = new Set(['AuthenticationError', 'AuthenticationRequiredError', 'CredentialUnavailableError', 'AggregateAuthenticationError']);
const POLICY = /application access policy|is not authorized to create meeting on behalf of/i;

function trimDetail(message: string | null | undefined, fallback: string): string {
  const text = (message ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return fallback;
  return text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX - 1)}…` : text;
}

function fromStatus(status: number, code: string | null, message: string | null, ctx: GraphErrorContext, cause: unknown): BotError {
  const opts = { cause };
  const name = ctx.userName ?? 'that user';
  if (status === 401) return new BotError('graph_auth_failed', {}, opts);
  if (status === 403) {
    if (POLICY.test(message ?? '')) return new BotError('graph_access_policy', { name, appId: ctx.appId ?? '<app id>' }, opts);
    return new BotError('graph_forbidden', { detail: trimDetail(message, code ?? 'Forbidden') }, opts);
  }
  if (status === 404) {
    return ctx.meetingId !== undefined ? new BotError('meeting_not_found', { id: ctx.meetingId }, opts) : new BotError('user_not_found', { name }, opts);
  }
  if (status === 429) return new BotError('graph_busy', {}, opts);
  if (status === 504 || status === 408) return new BotError('graph_timeout', {}, opts);
  if (status >= 500) return new BotError('graph_unavailable', {}, opts);
  return new BotError('graph_bad_request', { detail: trimDetail(message, code ?? `HTTP ${status}`) }, opts);
}

function fromTransport(name: string, cause: unknown): BotError {
  if (TIMEOUT_NAMES.has(name)) return new BotError('graph_timeout', {}, { cause });
  if (AUTH_NAMES.has(name)) return new BotError('graph_auth_failed', {}, { cause });
  return new BotError('graph_unavailable', {}, { cause });
}

/**
 * Translates a failed Graph call into a BotError. Anything that is not a Graph, transport or credential
 * failure (a programming error) is returned unchanged, so the bot logs it as a bug instead of hiding it.
 */
export function translateGraphError(error: unknown, ctx: GraphErrorContext = {}): unknown {
  if (isBotError(error)) return error;
  if (error instanceof GraphError) {
    // The SDK wraps thrown transport errors as statusCode -1 with the original error's name in `code`.
    if (error.statusCode > 0) return fromStatus(error.statusCode, error.code, error.message, ctx, error);
    return fromTransport(error.code ?? '', error);
  }
  if (error instanceof Error) {
    if (TIMEOUT_NAMES.has(error.name) || AUTH_NAMES.has(error.name)) return fromTransport(error.name, error);
    // undici reports every connection failure as `TypeError: fetch failed` with the socket error as cause.
    if (error.name === 'TypeError' && /fetch failed|terminated|socket/i.test(error.message)) return fromTransport('network', error);
  }
  return error;
}

/** Builds the GraphError the SDK would have thrown, for a failed item inside a JSON batch. */
export function graphErrorFromBody(status: number, body: unknown): GraphError {
  const envelope = typeof body === 'object' && body !== null && 'error' in body ? (body as { error: unknown }).error : undefined;
  const fields = typeof envelope === 'object' && envelope !== null ? (envelope as Record<string, unknown>) : {};
  const error = new GraphError(status, typeof fields.message === 'string' ? fields.message : '');
  error.code = typeof fields.code === 'string' ? fields.code : null;
  error.body = JSON.stringify(envelope ?? null);
  return error;
}
