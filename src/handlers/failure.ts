// Every failure becomes a friendly, ephemeral reply; only what we did not expect is logged as a bug.
import { ERROR_CODES, isBotError, type ErrorCode, type ErrorParams } from '../errors';
import { errorMessage } from '../i18n';
import type { Logger } from '../meetings/ports';
import type { Locale, Reply } from '../types';

const known = new Set<string>(ERROR_CODES);

function errorReply(locale: Locale, code: ErrorCode, params: ErrorParams): Reply {
  return { kind: 'error', code, text: errorMessage(locale, code, params), visibility: 'ephemeral' };
}

/** The reply for `error`: a BotError is expected and answered; anything else (or code `internal`) is a bug, logged once. */
export function failureReply(error: unknown, locale: Locale, logger: Logger, context: Readonly<Record<string, unknown>>): Reply {
  if (isBotError(error) && known.has(error.code) && error.code !== 'internal') {
    logger.info({ ...context, code: error.code }, 'request refused');
    return errorReply(locale, error.code, error.params);
  }
  logger.error({ ...context, err: error }, 'unexpected error while handling a request');
  return errorReply(locale, 'internal', {});
}
