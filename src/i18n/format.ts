// Dates, times, durations and lists in the reader's language and time zone: the one place dates are formatted, for
// the core and for renderers. Intl does the localisation; formatters are cached because building one is far slower
// than using it (and its ICU memory lives outside the JS heap).
import { DateTime, IANAZone } from 'luxon';
import type { Locale } from '../types';
import { t, type MessageKey } from './index';

/** The shapes of date text the bot uses. */
const SHAPES = {
  /** "Wed, Mar 5, 3:00 PM EST": a moment in a reply or on a card. */
  dateTime: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  /** Parts for `yyyy-MM-dd` and `HH:mm` (what date and time inputs expect). */
  wallClock: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** "2026-03-05": the calendar day, to compare two moments. */
  day: { year: 'numeric', month: '2-digit', day: '2-digit' },
  /** "3:00 PM EST": a time of day with its zone (written as the cards' other times are, so they read alike). */
  time: { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  /** "Wed, Mar 5, 3:00 PM": a day and a time. */
  dayTime: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** A shape of date text. */
export type DateShape = keyof typeof SHAPES;

const formatters = new Map<string, Intl.DateTimeFormat>();
// Keys are (locale, zone, shape) with IANA zone names, so the memo stays small; a full one starts again.
const MAX_FORMATTERS = 500;

/** The formatter for `shape` in `locale` and `timeZone`, built once. Throws RangeError for a zone Intl does not know. */
export function dateFormat(locale: string, timeZone: string, shape: DateShape): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${shape}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...SHAPES[shape], timeZone });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, format);
  }
  return format;
}

/** Intl puts narrow and thin no-break spaces in times ("3:00 PM"); plain spaces keep text predictable everywhere. */
const plainSpaces = (text: string): string => text.replace(/[\u00a0\u2009\u202f]/g, ' ');

function dateTimeFormat(locale: Locale, timeZone: string): Intl.DateTimeFormat {
  return dateFormat(locale, timeZone, 'dateTime');
}

/** `yyyy-MM-dd` and `HH:mm` of `at` on the wall clock of `timeZone` (luxon builds a DateTime and two formats for this). */
export function wallClock(at: Date, timeZone: string): Readonly<{ date: string; time: string }> {
  return toTheMinute(wallClocks, `${timeZone}|${minuteOf(at)}`, () => {
    try {
      const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
      for (const part of dateFormat('en-US', timeZone, 'wallClock').formatToParts(at)) parts[part.type] = part.value;
      return Object.freeze({ date: `${(parts.year ?? '').padStart(4, '0')}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` });
    } catch {
      // A zone Intl does not know: luxon's answer, whatever it is.
      const start = DateTime.fromJSDate(at, { zone: timeZone });
      return Object.freeze({ date: start.toFormat('yyyy-MM-dd'), time: start.toFormat('HH:mm') });
    }
  });
}

// luxon's check builds an Intl.DateTimeFormat on every call; every message asks about the same few zones.
const zoneValidity = new Map<string, boolean>();
const MAX_ZONES = 1000;

/** True when `zone` is an IANA zone this runtime knows (`Europe/Moscow`, `UTC`). */
export function isValidTimeZone(zone: string | undefined | null): zone is string {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    // Names come from users and platforms; a full memo stops growing rather than evicting.
    if (zoneValidity.size < MAX_ZONES) zoneValidity.set(zone, valid);
  }
  return valid;
}

/** A moment as the reader reads it: "Wed, Mar 5, 3:00 PM EST" / "ср, 5 мар., 15:00 GMT+3". */
export function formatDateTime(at: Date, locale: Locale, timeZone: string): string {
  return formatMoment(at, locale, timeZone, 'dateTime');
}

/** `at` in `shape`, with plain spaces. Throws RangeError for a zone Intl does not know. */
export function formatMoment(at: Date, locale: string, timeZone: string, shape: DateShape): string {
  return toTheMinute(moments, `${locale}|${timeZone}|${shape}|${minuteOf(at)}`, () => plainSpaces(dateFormat(locale, timeZone, shape).format(at)));
}

// Intl's formatting costs about as much as building a card's other text together, and a card's times are written
// more than once (the card, its text fallback, each later update): recent answers are kept, to the minute they show.
const MAX_KEPT = 256;
const ranges = new Map<string, string>();
const moments = new Map<string, string>();
const wallClocks = new Map<string, Readonly<{ date: string; time: string }>>();
const MINUTE_MS = 60_000;
/** From 1980 on every zone's offset is whole minutes, so two moments in one UTC minute read alike on any clock. */
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1980, 0, 1);

/** A memo key for `at` to the minute every shape here shows (earlier moments, whose offsets had seconds, to the ms). */
function minuteOf(at: Date): string {
  const ms = at.getTime();
  return ms < WHOLE_MINUTE_OFFSETS_FROM ? `=${ms}` : String(Math.floor(ms / MINUTE_MS));
}

/** `memo`'s answer for `key`, made once; the oldest is dropped past MAX_KEPT. */
function toTheMinute<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let value = memo.get(key);
  if (value === undefined) {
    value = make();
    if (memo.size >= MAX_KEPT) memo.delete(memo.keys().next().value ?? key);
    memo.set(key, value);
  }
  return value;
}

/** A span, shortened where both ends share a day: "Wed, Mar 5, 3:00 – 3:30 PM EST". */
export function formatRange(start: Date, end: Date, locale: Locale, timeZone: string): string {
  if (end.getTime() <= start.getTime()) return formatDateTime(start, locale, timeZone);
  return toTheMinute(ranges, `${locale}|${timeZone}|${minuteOf(start)}|${minuteOf(end)}`, () => plainSpaces(dateTimeFormat(locale, timeZone).formatRange(start, end)));
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const listFormats = new Map<Locale, Intl.ListFormat>();

/** The CLDR plural category of `count` in `locale` (Russian: one, few, many, other). */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

function counted(locale: Locale, unit: 'minutes' | 'hours', count: number): string {
  const key = `duration.${unit}.${pluralCategory(locale, count)}` as MessageKey;
  return t(locale, key, { count });
}

/** A duration in whole minutes: "45 min", "1 h 30 min", "1 час 5 минут", "less than a minute". */
export function formatDuration(minutes: number, locale: Locale): string {
  const whole = Math.max(0, Math.round(minutes));
  if (whole === 0) return t(locale, 'duration.lessThanMinute');
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(counted(locale, 'hours', hours));
  if (rest > 0) parts.push(counted(locale, 'minutes', rest));
  return parts.join(' ');
}

/** Names joined the way the language joins them: "Alice, Bob and Carol" / "Алиса, Боб и Кира". */
export function formatList(items: readonly string[], locale: Locale): string {
  let format = listFormats.get(locale);
  if (!format) {
    format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    listFormats.set(locale, format);
  }
  return format.format(items);
}
