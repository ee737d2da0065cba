// Who joined and who left, from either roster shape Graph has documented for meeting call events:
// current `participants@delta` ({ info: { identity: { user } }, isInLobby, removedState }) and legacy
// `activeParticipants@joined` / `@exited` ({ identity: { User: { Id, DisplayName } } }, capitalised keys).
import { z } from 'zod';
import type { M365User } from '../../src/bot-api';

/** Lower-cases every key, at every depth, so `User`/`user` and `DisplayName`/`displayName` read alike. */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key.toLowerCase(), lowerKeys(v)]));
}

const str = z.string().nullish();
const identity = z.object({ id: str, displayname: str }).nullish();

/** The people kinds of Graph's (communications) identity set, in the order they are tried. */
const PEOPLE = ['user', 'guest', 'azurecommunicationservicesuser', 'phone'] as const;

const identitySet = z
  .object({ user: identity, guest: identity, azurecommunicationservicesuser: identity, phone: identity })
  .nullish();

const participantSchema = z.preprocess(
  lowerKeys,
  z.object({
    info: z.object({ identity: identitySet }).nullish(),
    identity: identitySet,
    isinlobby: z.boolean().nullish(),
    removedstate: z.object({ reason: str }).nullish(),
  }),
);

type Participant = z.infer<typeof participantSchema>;

/**
 * The person behind a participant, or undefined for apps, devices and unnamed identities. Microsoft 365 users count
 * (named by id when Graph gives no name); guests, Azure Communication Services users and phone callers count only
 * with a display name, so a card never shows a raw phone number or an opaque id. Bots and devices are not people.
 */
function person(p: Participant): M365User | undefined {
  const set = p.info?.identity ?? p.identity;
  for (const kind of PEOPLE) {
    const who = set?.[kind];
    if (!who?.id) continue;
    if (who.displayname) return { id: who.id, displayName: who.displayname };
    if (kind === 'user') return { id: who.id, displayName: who.id };
  }
  return undefined;
}

/** One roster delta. */
export interface RosterDelta {
  readonly joined: M365User[];
  readonly left: M365User[];
}

/** The raw roster arrays of a call event; each entry is read on its own and unreadable ones are skipped. */
export interface RosterArrays {
  readonly delta?: readonly unknown[] | null | undefined;
  readonly joined?: readonly unknown[] | null | undefined;
  readonly exited?: readonly unknown[] | null | undefined;
}

function people(entries: readonly unknown[] | null | undefined): Array<{ user: M365User; p: Participant }> {
  const out: Array<{ user: M365User; p: Participant }> = [];
  for (const entry of entries ?? []) {
    const parsed = participantSchema.safeParse(entry);
    if (!parsed.success) continue;
    const user = person(parsed.data);
    if (user) out.push({ user, p: parsed.data });
  }
  return out;
}

/** Joined and left: `removedState` means left, `isInLobby` means not admitted yet (neither), the exited list means left. */
export function rosterDelta(arrays: RosterArrays): RosterDelta {
  const joined: M365User[] = [];
  const left: M365User[] = [];
  for (const { user, p } of [...people(arrays.delta), ...people(arrays.joined)]) {
    if (p.removedstate) left.push(user);
    else if (!p.isinlobby) joined.push(user);
  }
  for (const { user } of people(arrays.exited)) left.push(user);
  return { joined, left };
}
