// A small cast of people: Microsoft 365 users and who they are on Slack, Teams and the local playground.
import type { M365User } from '../../src/meetings/ports';
import type { UserRef } from '../../src/types';
import { FakeDirectory } from './directory';

/** Alice organises most meetings; New York. */
export const alice: M365User = { id: 'aad-alice', displayName: 'Alice Smith', mail: 'alice@contoso.com', userPrincipalName: 'alice@contoso.com' };
/** Bob, Moscow, reads Russian. */
export const bob: M365User = { id: 'aad-bob', displayName: 'Bob Jones', mail: 'bob@contoso.com', userPrincipalName: 'bob@contoso.com' };
/** Carol. */
export const carol: M365User = { id: 'aad-carol', displayName: 'Carol White', mail: 'carol@contoso.com', userPrincipalName: 'carol@contoso.com' };
/** Dave, only reachable by e-mail. */
export const dave: M365User = { id: 'aad-dave', displayName: 'Dave Brown', mail: 'dave@contoso.com', userPrincipalName: 'dave@contoso.com' };

/** Chat identities of the cast, per platform. */
export const chat = {
  alice: {
    slack: { platform: 'slack', id: 'UALICE', displayName: 'alice', timeZone: 'America/New_York' },
    teams: { platform: 'teams', id: '29:alice', displayName: 'Alice Smith', aadObjectId: 'aad-alice' },
    local: { platform: 'local', id: 'alice', displayName: 'Alice Smith' },
  },
  bob: {
    slack: { platform: 'slack', id: 'UBOB', displayName: 'bob', timeZone: 'Europe/Moscow', locale: 'ru' },
    teams: { platform: 'teams', id: '29:bob', displayName: 'Bob Jones', aadObjectId: 'aad-bob' },
    local: { platform: 'local', id: 'bob', displayName: 'Bob Jones' },
  },
  carol: {
    slack: { platform: 'slack', id: 'UCAROL', displayName: 'carol' },
    teams: { platform: 'teams', id: '29:carol', displayName: 'Carol White', aadObjectId: 'aad-carol' },
    local: { platform: 'local', id: 'carol', displayName: 'Carol White' },
  },
} satisfies Record<string, Record<'slack' | 'teams' | 'local', UserRef>>;

/** A directory that knows the whole cast (Dave by e-mail only). */
export function castDirectory(): FakeDirectory {
  return new FakeDirectory()
    .add(alice, chat.alice.slack, chat.alice.teams, chat.alice.local)
    .add(bob, chat.bob.slack, chat.bob.teams, chat.bob.local)
    .add(carol, chat.carol.slack, chat.carol.teams, chat.carol.local)
    .add(dave);
}
