// The call lifecycle of local meetings: first join starts a call, joins and leaves update the roster,
// the last leave ends it, and the next join starts a new call. Like Graph, it names events, not calls: each
// change gets its own event id, and subscribers tell calls apart by order and time, as they must with Graph.
import type { LocalContext } from './context';
import type { LocalUser } from './directory';
import { newGuid } from './ids';
import type { LocalMeeting } from './repo';

/** One change to a call, before it is rendered as a notification. */
export interface LocalCallChange {
  readonly meeting: LocalMeeting;
  /** The callEvent's own id (Graph's `id`): new for every event. */
  readonly eventId: string;
  readonly eventType: 'callStarted' | 'rosterUpdated' | 'callEnded';
  readonly at: Date;
  readonly joined: readonly { participantId: string; user: LocalUser }[];
  readonly left: readonly { participantId: string; user: LocalUser }[];
}

interface LiveCall {
  readonly startedAt: Date;
  /** userId -> participant id */
  readonly participants: Map<string, string>;
}

/** A person joining or leaving a meeting that does not exist, or somebody the directory does not know. */
export class CallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallError';
  }
}

/** Joins and leaves, by meeting id or join token. */
export class CallHub {
  private readonly live = new Map<string, LiveCall>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: LocalContext,
    private readonly emit: (change: LocalCallChange) => Promise<void>,
  ) {}

  private async meeting(ref: string): Promise<LocalMeeting> {
    const m = (await this.ctx.repo.get(ref)) ?? (await this.ctx.repo.findByJoinToken(ref));
    if (!m) throw new CallError('That meeting does not exist (it may have been cancelled).');
    return m;
  }

  private user(ref: string): LocalUser {
    const u = this.ctx.dir.byIdOrUpn(ref) ?? this.ctx.dir.users.find((x) => x.mailNickname.toLowerCase() === ref.toLowerCase());
    if (!u) throw new CallError(`Nobody called '${ref}' is in the local directory.`);
    return u;
  }

  // Changes run one at a time so events leave in the order they happened.
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.then(() => undefined, () => undefined);
    return run;
  }

  /** `userRef` (id, UPN or nickname) joins meeting `meetingRef` (id or join token); a no-op when already in. */
  join(meetingRef: string, userRef: string): Promise<{ started: boolean }> {
    return this.serial(async () => {
      const m = await this.meeting(meetingRef);
      const u = this.user(userRef);
      const now = this.ctx.now();
      let call = this.live.get(m.id);
      let started = false;
      if (!call) {
        call = { startedAt: now, participants: new Map() };
        this.live.set(m.id, call);
        started = true;
        await this.emit({ meeting: m, eventId: newGuid(), eventType: 'callStarted', at: now, joined: [], left: [] });
      }
      if (!call.participants.has(u.id)) {
        const participantId = newGuid();
        call.participants.set(u.id, participantId);
        await this.emit({ meeting: m, eventId: newGuid(), eventType: 'rosterUpdated', at: now, joined: [{ participantId, user: u }], left: [] });
      }
      return { started };
    });
  }

  /** `userRef` leaves; the call ends when nobody is left. Undefined when they were not in a call. */
  leave(meetingRef: string, userRef: string): Promise<{ ended: boolean } | undefined> {
    return this.serial(async () => {
      const m = await this.meeting(meetingRef);
      const u = this.user(userRef);
      const call = this.live.get(m.id);
      const participantId = call?.participants.get(u.id);
      if (!call || !participantId) return undefined;
      const now = this.ctx.now();
      call.participants.delete(u.id);
      await this.emit({ meeting: m, eventId: newGuid(), eventType: 'rosterUpdated', at: now, joined: [], left: [{ participantId, user: u }] });
      if (call.participants.size > 0) return { ended: false };
      this.live.delete(m.id);
      await this.emit({ meeting: m, eventId: newGuid(), eventType: 'callEnded', at: now, joined: [], left: [] });
      return { ended: true };
    });
  }

  /** Who is in the meeting's call now (empty when there is no call). */
  roster(meetingId: string): { since: Date; users: LocalUser[] } | undefined {
    const call = this.live.get(meetingId);
    if (!call) return undefined;
    const users = [...call.participants.keys()].map((id) => this.ctx.dir.byId(id)).filter((u): u is LocalUser => u !== undefined);
    return { since: call.startedAt, users };
  }
}
