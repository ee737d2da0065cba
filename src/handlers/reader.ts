// Whose language and zone a reply is in: what the platform said about this message, then about the
// person, then the configured default. A zone the runtime does not know is skipped, never fatal.
import type { BotConfig } from '../bot-api';
import type { CardReader } from '../cards';
import { isValidTimeZone } from '../i18n/format';
import type { Locale, Platform, UserRef } from '../types';

function pickZone(candidates: ReadonlyArray<string | undefined>): string {
  return candidates.find((zone) => isValidTimeZone(zone)) ?? 'UTC';
}

/** The reader for a message from `user` on `platform`, with the message's own locale and zone if it had them. */
export function readerFor(
  config: BotConfig,
  user: UserRef,
  platform: Platform,
  given: { locale?: Locale; timeZone?: string },
): CardReader {
  const locale: Locale = given.locale ?? user.locale ?? config.defaultLocale;
  const timeZone = pickZone([given.timeZone, user.timeZone, config.defaultTimeZone]);
  return { locale, timeZone, platform };
}
