// The playground's people and conversations, taken from the local directory.
import type { LocalUser } from '../graph/local/directory';
import type { ConversationRef, UserRef } from '../../src/types';

/** A person one can be in the playground. */
export interface PlaygroundPerson {
  /** The handle typed in mentions (`alice` for `@alice`): the directory's mail nickname. */
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
  readonly jobTitle?: string;
  readonly timeZone?: string;
  /** The directory's `preferredLanguage`, as reported; the core decides which language it answers in. */
  readonly locale?: string;
}

/** A conversation in the playground: a channel everybody sees, or a person's direct chat with meetbot. */
export interface PlaygroundConversation {
  readonly id: string;
  readonly name: string;
  readonly kind: 'channel' | 'direct';
}

/** The channels every person sees. */
const CHANNELS: readonly PlaygroundConversation[] = [
  { id: 'general', name: '#general', kind: 'channel' },
  { id: 'design-review', name: '#design-review', kind: 'channel' },
];

/** People from the local directory. */
export function peopleFrom(users: readonly LocalUser[]): PlaygroundPerson[] {
  return users.map((u) => ({
    id: u.mailNickname.toLowerCase(),
    displayName: u.displayName,
    email: u.mail,
    ...(u.preferredLanguage ? { locale: u.preferredLanguage } : {}),
    ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}),
    ...(u.timeZone ? { timeZone: u.timeZone } : {}),
  }));
}

/** The chat user behind a playground person. */
export function userRefOf(person: PlaygroundPerson): UserRef {
  return {
    platform: 'local',
    id: person.id,
    displayName: person.displayName,
    email: person.email,
    ...(person.locale ? { locale: person.locale } : {}),
    ...(person.timeZone ? { timeZone: person.timeZone } : {}),
  };
}

/** The direct chat between `person` and meetbot. */
export function directConversationId(personId: string): string {
  return `dm-${personId}`;
}

/** The conversations `person` may use: every channel and their own direct chat. */
export function conversationsOf(person: PlaygroundPerson): PlaygroundConversation[] {
  return [...CHANNELS, { id: directConversationId(person.id), name: 'meetbot', kind: 'direct' }];
}

/** The core's reference to a playground conversation. */
export function conversationRef(id: string): ConversationRef {
  return { platform: 'local', id };
}
