// Only the organizer may cancel or move a meeting: the one check behind both.
import { BotError } from '../errors';
import { t } from '../i18n';
import type { Locale, UserRef } from '../types';
import { sameChatUser } from './people';
import type { Directory, MeetingRecord } from './ports';

/**
 * True when `actor` organises `record`: the chat identity that created it, the same Entra user on another
 * platform (asked of the directory only when the cheap checks do not settle it).
 */
async function isOrganizer(directory: Directory, record: MeetingRecord, actor: UserRef): Promise<boolean> {
  const organizerId = record.meeting.organizer.id;
  if (actor.aadObjectId) return actor.aadObjectId === organizerId;
  if (record.people[organizerId]?.some((ref) => sameChatUser(ref, actor))) return true;
  const [user] = await directory.lookup([actor]);
  return user?.id === organizerId;
}

/** Throws `not_organizer`, naming the organizer and what was refused, unless `actor` organises `record`. */
export async function assertOrganizer(
  directory: Directory,
  record: MeetingRecord,
  actor: UserRef,
  locale: Locale,
  verb: 'verb.cancel' | 'verb.reschedule' | 'verb.addToCalendars',
): Promise<void> {
  if (await isOrganizer(directory, record, actor)) return;
  throw new BotError('not_organizer', { name: record.meeting.organizer.displayName, action: t(locale, verb) });
}
