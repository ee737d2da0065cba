// The one place a failure becomes words: a BotError is expected and answered in the reader's language; anything else
// (or code `internal`) is a bug, logged once with the error itself.
import { ERROR_CODES, isBotError, type ErrorCode, type ErrorParams } from '../errors';
import { errorMessage } from '../i18n';
import type { Logger } from '../meetings/ports';
import type { Locale, Reply } from '../types';

const known = new Set<string>(ERROR_CODES);

/** An error reply, always ephemeral. */
export type ErrorReply = Extract<Reply, { kind: 'error' }>;

function errorReply(locale: Locale, code: ErrorCode, params: ErrorParams): ErrorReply {
  return { kind: 'error', code, text: errorMessage(locale, code, params), visibility: 'ephemeral' };
}

/** True when `error` is a failure the bot expects and has words for. */
function isExpected(error: unknown): error is { code: ErrorCode; params: ErrorParams } {
  return isBotError(error) && known.has(error.code) && error.code !== 'internal';
}

/** The reply for `error` in `locale`, without logging: for callers that log it themselves. */
export function explain(error: unknown, locale: Locale): ErrorReply {
  return isExpected(error) ? errorReply(locale, error.code, error.params) : errorReply(locale, 'internal', {});
}

/** The reply for `error`, logged: a refusal at info, anything unexpected once at error with the error object. */
export function failureReply(error: unknown, locale: Locale, logger: Logger, context: Readonly<Record<string, unknown>>): ErrorReply {
  if (isExpected(error)) logger.info({ ...context, code: error.code }, 'request refused');
  else logger.error({ ...context, err: error }, 'unexpected error while handling a request');
  return explain(error, locale);
}
