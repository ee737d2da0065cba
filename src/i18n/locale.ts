import type { Locale } from '../types';

/** The languages the bot speaks, default first. */
export const LOCALES: readonly Locale[] = ['en', 'ru'];

/** Maps a platform locale (`ru-RU`, `en_US`, `ru`) to one the bot speaks; anything else is English. */
export function toLocale(value: string | undefined | null): Locale {
  return value && /^ru([-_]|$)/i.test(value.trim()) ? 'ru' : 'en';
}
