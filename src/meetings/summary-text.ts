// The summary after a call, in the reader's language and zone: how long, who was there how long, who did not come.
import { t } from '../i18n';
import { formatDuration, formatList, formatRange } from '../i18n/format';
import type { Locale } from '../types';
import type { AttendanceReport, MeetingRecord } from './ports';
import { attendanceOf, callsSoFar, totals } from './summary-report';

const minutes = (seconds: number): number => seconds / 60;

/** The summary text of the call `report`, given the meeting's reports so far. */
export function summaryText(record: MeetingRecord, report: AttendanceReport, reports: readonly AttendanceReport[], locale: Locale, timeZone: string): string {
  const subject = record.meeting.subject ?? t(locale, record.instant ? 'card.title.instant' : 'card.title.scheduled');
  const lasted = formatDuration(minutes((report.end.getTime() - report.start.getTime()) / 1000), locale);
  const lines = [t(locale, 'summary.title', { subject, time: formatRange(report.start, report.end, locale, timeZone), duration: lasted })];
  for (const r of report.records) {
    const duration = formatDuration(minutes(r.totalSeconds), locale);
    lines.push(r.intervals.length > 1 ? t(locale, 'summary.personRejoined', { name: r.displayName, duration, count: r.intervals.length }) : t(locale, 'summary.person', { name: r.displayName, duration }));
  }
  const { absent } = attendanceOf(record, report);
  lines.push(absent.length === 0 ? t(locale, 'summary.everyoneCame') : t(locale, 'summary.absent', { people: formatList(absent.map((u) => u.displayName), locale) }));
  const calls = callsSoFar(reports, report);
  if (calls.length > 1) {
    lines.push(t(locale, 'summary.calls', { count: calls.length }));
    calls.forEach((c, i) => {
      const length = formatDuration(minutes((c.end.getTime() - c.start.getTime()) / 1000), locale);
      lines.push(t(locale, 'summary.call', { n: i + 1, time: formatRange(c.start, c.end, locale, timeZone), duration: length }));
    });
    const people = totals(calls).map((p) => t(locale, 'summary.total', { name: p.displayName, duration: formatDuration(minutes(p.seconds), locale) }));
    lines.push(t(locale, 'summary.totals', { people: people.join(', ') }));
  }
  return lines.join('\n');
}
