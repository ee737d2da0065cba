// The local service's Calls API state: an app's legs in meeting calls, the people it rings, their answers. Like
// Graph, it tells the app through commsNotifications POSTed to the call's callbackUri: the call's state
// (establishing, established, terminated), the roster (the app itself included, as an application), and each
// invite operation once everyone it rang has answered, declined or not answered.
import type { LocalCallChange } from './calls';
import type { LocalContext } from './context';
import type { LocalUser } from './directory';
import { newGuid } from './ids';
import type { LocalMeeting } from './repo';

/** The people in a meeting's call now, as the call hub knows them (sync now, async once calls live in the store). */
export interface RosterSource {
  join(meeting: string, user: string): Promise<unknown>;
  roster(meetingId: string): { users: readonly LocalUser[] } | undefined | Promise<{ users: readonly LocalUser[] } | undefined>;
}

/** Where notifications go out; failures are the sender's to log. */
export type PostNotification = (url: string, body: unknown) => Promise<void>;

/** The app that joins: shown in rosters as an application, never as a person. */
export interface LocalApp {
  readonly id: string;
  readonly displayName: string;
}

interface Invite {
  readonly id: string;
  readonly clientContext: string;
  readonly people: readonly LocalUser[];
  readonly results: Map<string, 'answered' | 'declined' | 'missed'>;
}

/** One app leg in one meeting's call. */
export interface LocalLeg {
  readonly id: string;
  readonly meeting: LocalMeeting;
  readonly callbackUri: string;
  readonly participantId: string;
  readonly app: LocalApp;
  readonly body: Readonly<Record<string, unknown>>;
  state: 'establishing' | 'established' | 'terminated';
  /** Rung and not answered yet: user id -> invite and its timeout. */
  readonly ringing: Map<string, { invite: Invite; timer: NodeJS.Timeout }>;
}

/** A ring someone has not answered yet, as the join page shows it. */
export interface IncomingRing {
  readonly callId: string;
  readonly user: LocalUser;
  readonly app: LocalApp;
}

/** What the legs need. */
export interface CallLegsOptions {
  readonly ctx: LocalContext;
  readonly hub: RosterSource;
  readonly post: PostNotification;
  /** How long a ring rings before it counts as not answered (Teams: about 60 s). */
  readonly ringTimeoutMs: number;
}

/** Every app leg of the local service. */
export class CallLegs {
  private readonly legs = new Map<string, LocalLeg>();
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: CallLegsOptions) {}

  /** The leg `id`, terminated ones forgotten. */
  get(id: string): LocalLeg | undefined {
    return this.legs.get(id);
  }

  // Notifications leave one at a time, in the order things happened, after the answer that caused them.
  private later(work: () => Promise<void>): void {
    this.chain = this.chain.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work).catch(() => undefined);
  }

  /** Resolves once every notification queued so far has been sent (tests, shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  private notify(leg: LocalLeg, path: string, changeType: 'updated' | 'deleted', resourceData: unknown): Promise<void> {
    const resourceUrl = `/communications/calls/${leg.id}${path}`;
    return this.opts.post(leg.callbackUri, {
      '@odata.type': '#microsoft.graph.commsNotifications',
      value: [{ '@odata.type': '#microsoft.graph.commsNotification', changeType, resource: resourceUrl.replace('/communications/', '/app/'), resourceUrl, resourceData }],
    });
  }

  private async rosterOf(leg: LocalLeg): Promise<unknown[]> {
    const roster = await this.opts.hub.roster(leg.meeting.id);
    const app = { '@odata.type': '#microsoft.graph.participant', id: leg.participantId, info: { identity: { application: { id: leg.app.id, displayName: leg.app.displayName } } }, isMuted: true, isInLobby: false, mediaStreams: [] };
    const people = (roster?.users ?? []).map((u) => ({
      '@odata.type': '#microsoft.graph.participant',
      id: `${u.id}-${leg.id.slice(0, 8)}`,
      info: { identity: { user: { id: u.id, displayName: u.displayName, tenantId: this.opts.ctx.tenantId } } },
      isMuted: false,
      isInLobby: false,
      mediaStreams: [{ mediaType: 'audio', sourceId: '1', direction: 'sendReceive', serverMuted: false }],
    }));
    return [app, ...people];
  }

  private sendRoster(leg: LocalLeg): void {
    this.later(async () => {
      if (leg.state !== 'terminated') await this.notify(leg, '/participants', 'updated', await this.rosterOf(leg));
    });
  }

  private sendState(leg: LocalLeg, extra: Record<string, unknown> = {}): void {
    const state = leg.state;
    this.later(() => this.notify(leg, '', state === 'terminated' ? 'deleted' : 'updated', { '@odata.type': '#microsoft.graph.call', id: leg.id, state, chatInfo: leg.body.chatInfo, meetingInfo: leg.body.meetingInfo, ...extra }));
  }

  /** A new leg in `meeting`'s call: establishing now, established (with its roster) right after. */
  open(meeting: LocalMeeting, callbackUri: string, app: LocalApp, body: Readonly<Record<string, unknown>>): LocalLeg {
    const leg: LocalLeg = { id: newGuid(), meeting, callbackUri, participantId: newGuid(), app, body, state: 'establishing', ringing: new Map() };
    this.legs.set(leg.id, leg);
    this.sendState(leg);
    leg.state = 'established';
    this.sendState(leg);
    this.sendRoster(leg);
    return leg;
  }

  /** Rings `people` into the leg's call; anyone already in is not rung (counted as answered). */
  async invite(leg: LocalLeg, people: readonly LocalUser[], clientContext: string): Promise<{ id: string; status: string }> {
    const invite: Invite = { id: newGuid(), clientContext, people, results: new Map() };
    const inCall = new Set(((await this.opts.hub.roster(leg.meeting.id))?.users ?? []).map((u) => u.id));
    for (const user of people) {
      if (inCall.has(user.id)) {
        invite.results.set(user.id, 'answered');
        continue;
      }
      // Rung again while still ringing: the earlier ring is over, unanswered.
      this.resolve(leg, user.id, 'missed');
      const timer = setTimeout(() => this.resolve(leg, user.id, 'missed'), this.opts.ringTimeoutMs);
      timer.unref();
      leg.ringing.set(user.id, { invite, timer });
    }
    this.finishIfDone(leg, invite);
    return { id: invite.id, status: 'running' };
  }

  private finishIfDone(leg: LocalLeg, invite: Invite): void {
    if (invite.results.size < invite.people.length) return;
    const results = [...invite.results.values()];
    const unanswered = results.filter((r) => r !== 'answered');
    const completed = unanswered.length === 0;
    // Graph reports one result per operation: declined when everyone who did not come declined, else not answered.
    const resultInfo = completed ? { code: 200, subcode: 0, message: 'Invite completed.' } : unanswered.every((r) => r === 'declined') ? { code: 603, subcode: 0, message: 'The participant declined the call.' } : { code: 408, subcode: 0, message: 'The participant did not answer the call.' };
    this.later(() =>
      this.notify(leg, `/operations/${invite.id}`, 'deleted', {
        '@odata.type': '#microsoft.graph.inviteParticipantsOperation',
        id: invite.id,
        status: completed ? 'completed' : 'failed',
        clientContext: invite.clientContext,
        resultInfo,
      }),
    );
  }

  private resolve(leg: LocalLeg, userId: string, result: 'answered' | 'declined' | 'missed'): boolean {
    const ring = leg.ringing.get(userId);
    if (!ring) return false;
    clearTimeout(ring.timer);
    leg.ringing.delete(userId);
    ring.invite.results.set(userId, result);
    this.finishIfDone(leg, ring.invite);
    return true;
  }

  /** The rings nobody has answered yet in `meetingId`'s call. */
  incoming(meetingId: string): IncomingRing[] {
    const out: IncomingRing[] = [];
    for (const leg of this.legs.values()) {
      if (leg.meeting.id !== meetingId) continue;
      for (const [, ring] of leg.ringing) for (const user of ring.invite.people) if (leg.ringing.get(user.id) === ring) out.push({ callId: leg.id, user, app: leg.app });
    }
    return out;
  }

  /** The app legs in `meetingId`'s call now. */
  appsIn(meetingId: string): LocalApp[] {
    return [...this.legs.values()].filter((leg) => leg.meeting.id === meetingId && leg.state !== 'terminated').map((leg) => leg.app);
  }

  /** `user` answers: joins the call; false when nothing rang for them. */
  async answer(meeting: LocalMeeting, user: LocalUser): Promise<boolean> {
    const rung = [...this.legs.values()].some((leg) => leg.meeting.id === meeting.id && leg.ringing.has(user.id));
    if (!rung) return false;
    // Joining ends the ring as answered (onChange sees the join).
    await this.opts.hub.join(meeting.id, user.id);
    return true;
  }

  /** `user` declines; false when nothing rang for them. */
  decline(meeting: LocalMeeting, user: LocalUser): boolean {
    let any = false;
    for (const leg of this.legs.values()) if (leg.meeting.id === meeting.id) any = this.resolve(leg, user.id, 'declined') || any;
    return any;
  }

  /** A person joined or left a meeting's call: every leg in it gets the new roster, and a ring answered is over. */
  onChange(change: LocalCallChange): void {
    if (change.eventType !== 'rosterUpdated') return;
    for (const leg of this.legs.values()) {
      if (leg.meeting.id !== change.meeting.id || leg.state === 'terminated') continue;
      // The roster first: whoever the finished invite counts as answered is in it by then.
      this.sendRoster(leg);
      for (const { user } of change.joined) this.resolve(leg, user.id, 'answered');
    }
  }

  /** The app leaves: only its leg ends; whoever it still rang stops ringing. */
  close(leg: LocalLeg): void {
    if (leg.state === 'terminated') return;
    for (const ring of leg.ringing.values()) clearTimeout(ring.timer);
    leg.ringing.clear();
    leg.state = 'terminated';
    this.legs.delete(leg.id);
    this.sendState(leg, { resultInfo: { code: 200, subcode: 0, message: 'The application left the call.' } });
  }
}
