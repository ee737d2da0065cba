import type { Locale } from '../types';

/** The languages the bot speaks, default first. */
export const LOCALES: readonly Locale[] = ['en', 'ru'];

/** The language the bot speaks that a platform locale (`ru-RU`, `en_US`, `ru`) names; undefined for any other. */
export function localeOf(value: string | undefined | null): Locale | undefined {
  const tag = value?.trim().toLowerCase() ?? '';
  return LOCALES.find((locale) => tag === locale || tag.startsWith(`${locale}-`) || tag.startsWith(`${locale}_`));
}

/** Like `localeOf`, with English for anything else. */
export function toLocale(value: string | undefined | null): Locale {
  return localeOf(value) ?? 'en';
}
