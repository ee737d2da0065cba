// People on a card: a Microsoft 365 user, plus who they are on the platform the card is shown on.
import type { M365User, MeetingRecord } from '../meetings/ports';
import type { Person, Platform } from '../types';

/** `user` as a card shows them, with their chat identity on `platform` when the bot knows it. */
export function toPerson(user: M365User, record: MeetingRecord, platform: Platform): Person {
  const email = user.mail ?? user.userPrincipalName;
  const chatUser = record.people[user.id]?.find((ref) => ref.platform === platform);
  return {
    displayName: user.displayName,
    aadObjectId: user.id,
    ...(email ? { email } : {}),
    ...(chatUser ? { user: chatUser } : {}),
  };
}
