// `/meet …`: resolve the people, create the meeting once per platform event, remember it, answer with its card.
import { buildJoinCard, type CardReader } from '../cards';
import type { Command } from '../commands/types';
import type { Invocation, Reply } from '../types';
import type { UseCaseDeps } from './context';
import { rememberPerson, resolveAll, uniqueUsers, type Wanted } from './people';
import type { MeetingRecord } from './ports';
import { calendarLink } from './calendar-link';
import { invitesFor, offersCalendar } from './calendar-events';
import { callModeStarter, ringsPeople } from './ring';

/** The parsed `meet` command. */
export type MeetCommand = Extract<Command, { kind: 'meet' }>;

/** A created (or re-found) meeting and the reply that shows it. */
export interface Created {
  readonly record: MeetingRecord;
  readonly reply: Reply;
}

/** Who the command names, in order: a platform mention, a bare `@name`, or an e-mail address. */
function attendeesWanted(invocation: Invocation, command: MeetCommand): Wanted[] {
  const platform = invocation.invoker.platform;
  return command.attendees.map((attendee): Wanted => {
    if (attendee.kind === 'email') {
      const local = attendee.email.split('@')[0] ?? attendee.email;
      return { ref: { platform, id: attendee.email, email: attendee.email }, name: local, chat: false };
    }
    const mention = invocation.mentions.find((m) => m.token === attendee.token);
    if (mention) return { ref: mention.user, name: mention.user.displayName ?? `@${attendee.name}`, chat: true };
    // A bare @name is an id only where names are ids (the local playground and CLI).
    return { ref: { platform, id: attendee.name, displayName: attendee.name }, name: `@${attendee.name}`, chat: platform === 'local' };
  });
}

/** The `meet` use case. */
export function createMeetingUseCase(deps: UseCaseDeps) {
  const { meetings, directory, store, clock } = deps;
  const afterCreate = callModeStarter(deps);
  return async function createMeeting(invocation: Invocation, command: MeetCommand, reader: CardReader): Promise<Created> {
    const invoker = invocation.invoker;
    const wanted: Wanted[] = [{ ref: invoker, name: invoker.displayName ?? invoker.id, chat: true }, ...attendeesWanted(invocation, command)];
    const users = await resolveAll(directory, wanted, reader.locale);
    const [organizer, ...others] = users;
    if (!organizer) throw new Error('the directory answered with fewer users than asked');
    const attendees = uniqueUsers(others).filter((user) => user.id !== organizer.id);
    const spec = { externalId: invocation.idempotencyKey, organizer, subject: command.subject, start: command.start, end: command.end, attendees };
    // As a calendar invitation when the installation or the command says so: the event makes the Teams meeting.
    const invited = invitesFor(deps, command.instant, command.invite === true) && deps.calendar ? await deps.calendar.invite(spec) : undefined;
    const made = invited ? { meeting: invited.meeting, created: false } : await meetings.createOrGet(spec);
    const meeting = made.meeting;
    // A repeated platform event finds the meeting it already made: keep its record (cards, call state). A meeting
    // Graph has only now created can have none yet.
    let record = made.created ? undefined : await store.getMeeting(meeting.id);
    if (!record) {
      let people: MeetingRecord['people'] = {};
      wanted.forEach((w, index) => {
        const user = users[index];
        if (w.chat && user) people = rememberPerson(people, user.id, w.ref);
      });
      record = {
        meeting,
        people,
        instant: command.instant,
        ...(command.approximate ? { approximate: true } : {}),
        status: 'active',
        call: { state: 'idle' },
        createdBy: invoker,
        conversation: invocation.conversation,
        updatedAt: clock.now(),
        ...calendarLink(deps, meeting, command.instant),
        ...(invited ? { calendarEvent: { id: invited.eventId, ownsMeeting: true } } : {}),
        ...(!invited && offersCalendar(deps, command.instant) ? { offerCalendar: true } : {}),
        ...(ringsPeople(deps) ? { offerRing: true } : {}),
      };
      await store.saveMeeting(record);
      if (command.instant) record = await afterCreate(record, command.call, invoker);
    }
    return { record, reply: { kind: 'card', card: buildJoinCard(record, reader), visibility: 'channel' } };
  };
}
