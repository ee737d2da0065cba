// `/meet cancel <id>`: people type the meeting ID the card and `/meet list` show, or Graph's id.
import { BotError } from '../errors';
import { meetingShortId } from '../cards';
import type { Locale, UserRef } from '../types';
import { resolveActor } from './people';
import type { Clock, Directory, MeetingStore } from './ports';

const normalise = (id: string): string => id.replace(/[\s-]/g, '').toLowerCase();

/** How many upcoming meetings a typed id is matched against. */
const SEARCH_LIMIT = 100;

/** The Graph meeting id behind a typed id: an exact id, or the Teams meeting ID of one of the actor's upcoming meetings. */
export async function findMeetingId(
  deps: { store: MeetingStore; directory: Directory; clock: Clock },
  typed: string,
  actor: UserRef,
  locale: Locale,
): Promise<string> {
  const id = typed.trim();
  if (await deps.store.getMeeting(id)) return id;
  const user = await resolveActor(deps.directory, actor, locale);
  const upcoming = await deps.store.listUpcoming(user.id, deps.clock.now(), SEARCH_LIMIT);
  const match = upcoming.find((record) => normalise(meetingShortId(record)) === normalise(id));
  if (!match) throw new BotError('meeting_not_found', { id });
  return match.meeting.id;
}
