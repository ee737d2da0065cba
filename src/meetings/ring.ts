// Ringing people into a meeting's call: the bot joins the call with its own leg and rings whoever is not in yet
// (`/meet … ring`, the card's "Ring them"); `/meet … watch` joins silently to follow who is in.
import { meetingTitle } from '../cards/text';
import { BotError } from '../errors';
import { t } from '../i18n';
import { formatList } from '../i18n/format';
import { stillRinging } from '../lifecycle/ring';
import type { Locale, UserRef } from '../types';
import type { ChangeRequest, ChangeResult, UseCaseDeps } from './context';
import { loadActive } from './load';
import { resolveActor } from './people';
import type { M365User, MeetingRecord, RingState } from './ports';
import { changeMeeting } from './versioned';

/** True when this installation rings people (MEETBOT_RING, and a Calls API to do it with). */
export const ringsPeople = (deps: UseCaseDeps): boolean => Boolean(deps.calling) && deps.config?.ring !== 'off';

/** True when a meeting made now is followed from inside its call (`watch` asked for, or MEETBOT_WATCH=always). */
export function watches(deps: UseCaseDeps, instant: boolean, asked: boolean): boolean {
  const setting = deps.config?.watch ?? 'on';
  return Boolean(deps.calling) && instant && setting !== 'off' && (asked || setting === 'always');
}

/** The ring about to start for `people`; those already in the call are marked as such and not rung. */
function newRing(record: MeetingRecord, people: readonly M365User[], by: UserRef, now: Date): RingState {
  const inCall = new Set(record.call.state === 'live' ? record.call.participants.map((p) => p.id) : []);
  return { startedAt: now, by, invitees: people.map((user) => ({ user, outcome: inCall.has(user.id) ? 'present' : 'ringing' })) };
}

/** Starts ringing on an active record: writes the ring, places the call, records its id (or that it failed). */
function ringStarter(deps: UseCaseDeps) {
  const { store, clock, logger, syncCards } = deps;
  const write = (meetingId: string, change: (ring: RingState) => RingState) =>
    changeMeeting(store, () => loadActive(store, meetingId), async (current) => {
      if (!current.ring) return current;
      const ring = change(current.ring);
      return ring === current.ring ? current : { ...current, ring, updatedAt: clock.now() };
    });

  return async function start(meetingId: string, people: readonly M365User[], by: UserRef): Promise<{ record: MeetingRecord; rung: M365User[] }> {
    const calling = deps.calling;
    if (!calling || !ringsPeople(deps)) throw new BotError('ring_off');
    const { record } = await changeMeeting(store, () => loadActive(store, meetingId), async (current) => {
      if (current.ring && stillRinging(current.ring)) throw new BotError('already_ringing');
      return { ...current, ring: newRing(current, people, by, clock.now()), updatedAt: clock.now() };
    });
    const rung = (record.ring?.invitees ?? []).filter((i) => i.outcome === 'ringing').map((i) => i.user);
    if (rung.length === 0) {
      const { record: done } = await write(meetingId, (ring) => ({ ...ring, over: true }));
      return { record: done, rung };
    }
    await syncCards(record);
    let written: MeetingRecord;
    try {
      const callId = await calling.ring(record.meeting, rung);
      // The call's first notifications may have named it already.
      written = (await write(meetingId, (ring) => (ring.callId ? ring : { ...ring, callId }))).record;
    } catch (err) {
      logger.warn({ err, meetingId }, 'could not place the call that rings people');
      written = (await write(meetingId, (ring) => ({ ...ring, over: true, failed: true, invitees: ring.invitees.map((i) => (i.outcome === 'ringing' ? { ...i, outcome: 'missed' } : i)) }))).record;
    }
    return { record: written, rung };
  };
}

const ringingReply = (locale: Locale, record: MeetingRecord, rung: readonly M365User[]): string =>
  rung.length
    ? t(locale, 'reply.ringing', { people: formatList(rung.map((u) => u.displayName), locale), subject: meetingTitle(record, locale) })
    : t(locale, 'reply.ringNobody');

/** The `ring` button: the organizer or an attendee rings everyone else on the meeting into its call. */
export function ringUseCase(deps: UseCaseDeps) {
  const start = ringStarter(deps);
  return async function ring(request: ChangeRequest): Promise<ChangeResult> {
    const { actor, reader } = request;
    if (!ringsPeople(deps)) throw new BotError('ring_off');
    const current = await loadActive(deps.store, request.meetingId);
    const who = await resolveActor(deps.directory, actor, reader.locale);
    const { meeting } = current;
    const everyone = [meeting.organizer, ...meeting.attendees];
    if (!everyone.some((user) => user.id === who.id)) throw new BotError('ring_not_allowed');
    const { record, rung } = await start(request.meetingId, everyone.filter((user) => user.id !== who.id), actor);
    await deps.syncCards(record, request.source);
    return { record, message: ringingReply(reader.locale, record, rung) };
  };
}

/**
 * After `/meet now … ring` or `… watch` made a meeting now (a scheduled meeting has nobody to ring yet): rings the attendees it named, or joins silently to follow the
 * call. Never throws: the meeting exists whatever the call does, and the card says how ringing went.
 */
export function callModeStarter(deps: UseCaseDeps) {
  const start = ringStarter(deps);
  return async function afterCreate(record: MeetingRecord, mode: 'ring' | 'watch' | undefined, by: UserRef): Promise<MeetingRecord> {
    const meetingId = record.meeting.id;
    try {
      if (mode === 'ring' && ringsPeople(deps)) return (await start(meetingId, record.meeting.attendees, by)).record;
      if (deps.calling && watches(deps, record.instant, mode === 'watch') && !record.watch) {
        const callId = await deps.calling.watch(record.meeting);
        const since = deps.clock.now();
        const changed = await changeMeeting(deps.store, () => loadActive(deps.store, meetingId), async (current) => (current.watch ? current : { ...current, watch: { callId, since } }));
        return changed.record;
      }
      if (mode === 'ring') deps.logger.info({ meetingId }, 'ringing asked for, but it is turned off (MEETBOT_RING) or no Calls API is wired');
    } catch (err) {
      deps.logger.warn({ err, meetingId, mode }, 'could not start the bot\'s own call leg');
    }
    return record;
  };
}
