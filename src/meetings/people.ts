// Chat users -> Microsoft 365 users through the Directory, and the errors when someone has no account.
import { BotError } from '../errors';
import { formatList } from '../i18n/format';
import type { Locale, UserRef } from '../types';
import type { Directory, M365User } from './ports';

/** Someone to look up, with the name to use if the directory does not know them. */
export interface Wanted {
  readonly ref: UserRef;
  readonly name: string;
  /** True when `ref` is a real chat identity (a platform mention or the invoker), worth remembering for cards. */
  readonly chat: boolean;
}

/** The same person on the same platform. */
export function sameChatUser(a: UserRef, b: UserRef): boolean {
  return a.platform === b.platform && a.id === b.id;
}

/** How an error message names `ref`. */
export function nameOf(ref: UserRef): string {
  return ref.displayName ?? ref.email ?? ref.id;
}

/** The friendly error for people the directory does not know: all unknown names at once when we can. */
function unresolvedError(missing: readonly Wanted[], locale: Locale): BotError {
  const withoutEmail = missing.filter((wanted) => !wanted.ref.email);
  if (withoutEmail.length > 0) return new BotError('user_not_found', { name: formatList(withoutEmail.map((w) => w.name), locale) });
  const first = missing[0];
  return new BotError('no_microsoft_account', { name: first?.name ?? '', email: first?.ref.email ?? '' });
}

/** Looks everyone up in one directory call; throws a friendly BotError naming whoever is unknown. */
export async function resolveAll(directory: Directory, wanted: readonly Wanted[], locale: Locale): Promise<M365User[]> {
  const found = await directory.lookup(wanted.map((w) => w.ref));
  const missing = wanted.filter((_, index) => !found[index]);
  if (missing.length > 0) throw unresolvedError(missing, locale);
  return found.map((user) => user as M365User);
}

/** The Microsoft 365 user behind `actor` (who typed or clicked); throws a friendly BotError when there is none. */
export async function resolveActor(directory: Directory, actor: UserRef, locale: Locale): Promise<M365User> {
  const [user] = await resolveAll(directory, [{ ref: actor, name: nameOf(actor), chat: true }], locale);
  return user;
}

/** Everyone in `lists`, once each by Entra id, in order of first appearance. */
export function uniqueUsers(...lists: ReadonlyArray<readonly M365User[]>): M365User[] {
  const byId = new Map<string, M365User>();
  for (const list of lists) for (const user of list) if (!byId.has(user.id)) byId.set(user.id, user);
  return [...byId.values()];
}

/** `people` with `ref` remembered under the Entra id `userId`, once. */
export function rememberPerson(
  people: Readonly<Record<string, readonly UserRef[]>>,
  userId: string,
  ref: UserRef,
): Record<string, readonly UserRef[]> {
  const known = people[userId] ?? [];
  if (known.some((existing) => sameChatUser(existing, ref))) return { ...people };
  return { ...people, [userId]: [...known, ref] };
}
