// Errors with a stable code. The words users read live in src/i18n, keyed by the same code.

/** Every error code the bot can answer with. Codes are stable: tools and tests rely on them. */
export const ERROR_CODES = [
  // the command language
  'empty_command',
  'unknown_command',
  'invalid_time',
  'invalid_duration',
  'time_in_past',
  'end_before_start',
  'meeting_too_long',
  'subject_too_long',
  'too_many_attendees',
  'missing_meeting_id',
  'unclear_phrase',
  // people
  'user_not_found',
  'no_microsoft_account',
  'unsupported_mention',
  // meetings and permissions
  'meeting_not_found',
  'not_organizer',
  'meeting_cancelled',
  'already_attending',
  'invalid_reschedule',
  'meeting_busy',
  // ringing people into a call
  'ring_off',
  'ring_not_allowed',
  'already_ringing',
  // Microsoft Graph
  'graph_access_policy',
  'graph_forbidden',
  'graph_bad_request',
  'graph_auth_failed',
  'graph_busy',
  'graph_timeout',
  'graph_unavailable',
  // platforms
  'workspace_not_allowed',
  'tenant_not_allowed',
  // the chat platform's own service (Bot Connector, Slack Web API) failed underneath an adapter
  'chat_busy',
  'chat_timeout',
  'chat_unavailable',
  // meetbot's own database could not record the command, so it was not taken
  'store_unavailable',
  // anything else: a bug, logged once
  'internal',
] as const;

/** A stable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values interpolated into an error's message (`{name}`, `{example}`, …). */
export type ErrorParams = Readonly<Record<string, string | number>>;

/** An expected failure with a stable code; `bot.ts` turns it into a friendly reply in the reader's language. */
export class BotError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`, options);
    this.name = 'BotError';
  }
}

/** True when `value` is a BotError (also across module copies). */
export function isBotError(value: unknown): value is BotError {
  return value instanceof BotError || (value instanceof Error && value.name === 'BotError' && 'code' in value);
}

/** The outcome of a pure step: a value, or an error code with its parameters. Nothing throws. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: ErrorCode; readonly params: ErrorParams };

/** A successful Result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** A failed Result. */
export const fail = <T = never>(code: ErrorCode, params: ErrorParams = {}): Result<T> => ({ ok: false, code, params });
