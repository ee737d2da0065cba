// Whose language and zone a reply is in, decided here from what the platform reported: about this message, then about
// the person, then the configured default. A language the bot does not speak, or a zone the runtime does not know, is
// skipped, never fatal.
import type { BotConfig } from '../bot-api';
import type { CardReader } from '../cards';
import { isValidTimeZone } from '../i18n/format';
import { localeOf } from '../i18n/locale';
import type { Platform, UserRef } from '../types';

/** What an adapter reported about a message: its language and zone, as the platform gave them. */
export interface ReaderReport {
  readonly locale?: string | undefined;
  readonly timeZone?: string | undefined;
}

function pickZone(candidates: ReadonlyArray<string | undefined>): string {
  return candidates.find((zone) => isValidTimeZone(zone)) ?? 'UTC';
}

/** The reader for a message from `user` on `platform`, with the message's own locale and zone if it had them. */
export function readerFor(config: BotConfig, user: UserRef | undefined, platform: Platform, given: ReaderReport): CardReader {
  const locale = localeOf(given.locale) ?? localeOf(user?.locale) ?? config.defaultLocale;
  const timeZone = pickZone([given.timeZone, user?.timeZone, config.defaultTimeZone]);
  return { locale, timeZone, platform };
}
