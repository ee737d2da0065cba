// Plain-text replies about meetings: the list of upcoming ones and help.
import { t } from '../i18n';
import { formatRange } from '../i18n/format';
import type { MeetingRecord } from '../meetings/ports';
import type { Locale } from '../types';

/** What people type to name a meeting: its Teams meeting ID when it has one, else Graph's id. */
export function meetingShortId(record: MeetingRecord): string {
  return record.meeting.meetingCode ?? record.meeting.id;
}

/** The subject, or "Untitled meeting" in `locale`. */
export function meetingTitle(record: MeetingRecord, locale: Locale): string {
  return record.meeting.subject ?? t(locale, 'reply.untitled');
}

/** Which part of a long list a reply shows. */
export interface ListPage {
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
  /** Every upcoming meeting counted (up to the counting cap). */
  readonly total: number;
}

/**
 * "Your upcoming meetings:" and one line per meeting with its time in the reader's zone and its id; a long list says
 * how many more there are and how to see them, never stopping silently.
 */
export function listText(records: readonly MeetingRecord[], reader: { locale: Locale; timeZone: string }, page?: ListPage): string {
  const { locale, timeZone } = reader;
  const total = page?.total ?? records.length;
  if (total === 0) return t(locale, 'reply.list.empty');
  const from = page ? (page.page - 1) * page.pageSize : 0;
  if (records.length === 0) return t(locale, 'reply.list.pastEnd', { total, pages: Math.ceil(total / (page?.pageSize ?? 1)) });
  const lines = records.map((record) =>
    t(locale, 'reply.list.item', {
      title: meetingTitle(record, locale),
      time: formatRange(record.meeting.start, record.meeting.end, locale, timeZone),
      id: meetingShortId(record),
    }),
  );
  const to = from + records.length;
  const header = total > records.length ? t(locale, 'reply.list.headerPart', { from: from + 1, to, total }) : t(locale, 'reply.list.header');
  const rest = total - to;
  const footer = rest > 0 && page ? [t(locale, 'reply.list.more', { count: rest, next: page.page + 1 })] : [];
  return [header, ...lines, ...footer].join('\n');
}

/** Usage help in `locale`. */
export function helpText(locale: Locale): string {
  return t(locale, 'help.text');
}

/** A Teams meeting ID as Teams prints it, in groups of three digits ("364 567 890 123"); other ids as they are. */
export function groupedMeetingCode(code: string): string {
  return /^\d+$/.test(code) ? code.replace(/(\d{3})(?=\d)/g, '$1 ') : code;
}

/** "teams.microsoft.com/l/meetup-join/…": a link's host and the start of its path, short enough for any card width. */
export function shortLink(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.split('/').filter(Boolean).slice(0, 2).join('/');
    return `${parsed.host}${path ? `/${path}` : ''}/…`;
  } catch {
    return url.slice(0, 40);
  }
}
