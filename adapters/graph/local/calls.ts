// The call lifecycle of local meetings: first join starts a call, joins and leaves update the roster,
// the last leave ends it, and the next join starts a new call. Like Graph, it names events, not calls: each
// change gets its own event id, and subscribers tell calls apart by order and time, as they must with Graph.
// The call lives in the repo, not here, so every instance on the same database runs the same call.
import type { LocalContext } from './context';
import type { LocalUser } from './directory';
import type { LocalCallState } from './call-repo';
import { joinCall, leaveCall, type CallDecision } from './call-state';
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

/** A person joining or leaving a meeting that does not exist, or somebody the directory does not know. */
export class CallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallError';
  }
}

/** How often a change is decided again after losing a compare-and-set to another instance. */
const MAX_CONFLICTS = 50;
/** How long a change waits for another instance to deliver the events before it; then it delivers anyway (that one died). */
const TURN_WAIT_MS = 3000;
const TURN_POLL_MS = 10;
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Joins and leaves, by meeting id or join token. */
export class CallHub {
  /** meetingId -> the tail of this instance's changes to it, so they run one at a time per meeting. */
  private readonly chains = new Map<string, Promise<unknown>>();

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

  // This instance's changes to one meeting run one at a time; other instances' are ordered by the version column.
  private serial<T>(meetingId: string, work: () => Promise<T>): Promise<T> {
    const run = (this.chains.get(meetingId) ?? Promise.resolve()).then(work);
    const tail = run.then(() => undefined, () => undefined);
    this.chains.set(meetingId, tail);
    void tail.then(() => {
      if (this.chains.get(meetingId) === tail) this.chains.delete(meetingId);
    });
    return run;
  }

  /** Waits until the events of every version before `version` were delivered, by whichever instance made them. */
  private async turn(meetingId: string, version: number): Promise<void> {
    const until = Date.now() + TURN_WAIT_MS;
    while (Date.now() < until) {
      const stored = await this.ctx.repo.getCall(meetingId);
      if (!stored || stored.delivered >= version - 1) return;
      await pause(TURN_POLL_MS);
    }
  }

  /**
   * Decides a change on the stored call and writes it with compare-and-set, deciding again on the newer call when
   * another instance wrote first; then delivers its events in version order. Undefined when nothing changes.
   */
  private async change<T>(m: LocalMeeting, decide: (call: LocalCallState | null, now: Date) => CallDecision<T> | undefined): Promise<T | undefined> {
    for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
      const stored = await this.ctx.repo.getCall(m.id);
      const expected = stored?.version ?? 0;
      const decision = decide(stored?.call ?? null, this.ctx.now());
      if (!decision) return undefined;
      if (!(await this.ctx.repo.saveCall(m.id, decision.next, expected, decision.report))) continue;
      await this.turn(m.id, expected + 1);
      for (const event of decision.events) await this.emit({ meeting: m, ...event });
      await this.ctx.repo.markDelivered(m.id, expected + 1);
      return decision.result;
    }
    throw new Error(`the call of meeting ${m.id} kept changing under ${MAX_CONFLICTS} attempts to change it`);
  }

  /** `userRef` (id, UPN or nickname) joins meeting `meetingRef` (id or join token); a no-op when already in. */
  async join(meetingRef: string, userRef: string): Promise<{ started: boolean }> {
    const m = await this.meeting(meetingRef);
    const u = this.user(userRef);
    const r = await this.serial(m.id, () => this.change(m, (call, now) => joinCall(m, call, u, now)));
    return r ?? { started: false };
  }

  /** `userRef` leaves; the call ends when nobody is left. Undefined when they were not in a call. */
  async leave(meetingRef: string, userRef: string): Promise<{ ended: boolean } | undefined> {
    const m = await this.meeting(meetingRef);
    const u = this.user(userRef);
    return this.serial(m.id, () => this.change(m, (call, now) => leaveCall(m, call, u, now)));
  }

  /** Who is in the meeting's call now, as any instance sees it (undefined when there is no call). */
  async roster(meetingId: string): Promise<{ since: Date; users: LocalUser[] } | undefined> {
    const call = (await this.ctx.repo.getCall(meetingId))?.call;
    if (!call) return undefined;
    const users = call.participants.map((p) => this.ctx.dir.byId(p.userId)).filter((u): u is LocalUser => u !== undefined);
    return { since: call.startedAt, users };
  }
}
