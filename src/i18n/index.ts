import type { Locale } from '../types';
import type { ErrorCode, ErrorParams } from '../errors';
import { en, type MessageKey } from './en';
import { ru } from './ru';

export type { MessageKey } from './en';
export { localeOf, toLocale, LOCALES } from './locale';

const tables: Record<Locale, Record<MessageKey, string>> = { en, ru };

/** The message `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function t(locale: Locale, key: MessageKey, params: ErrorParams = {}): string {
  return tables[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The friendly message for an error code in `locale`. */
export function errorMessage(locale: Locale, code: ErrorCode, params: ErrorParams = {}): string {
  return t(locale, `error.${code}`, params);
}
