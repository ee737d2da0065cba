// users.info with a TTL cache: who the invoker and every mentioned person are, in which zone and language.
import { z } from 'zod';
import type { UserRef } from '../../src/types';
import type { Logger } from '../../src/bot-api';
import type { SlackCall } from './api';

const userSchema = z.object({
  user: z.object({
    id: z.string(),
    name: z.string().optional(),
    real_name: z.string().optional(),
    tz: z.string().nullable().optional(),
    locale: z.string().nullable().optional(),
    is_bot: z.boolean().optional(),
    profile: z.object({ email: z.string().nullable().optional(), real_name: z.string().nullable().optional(), display_name: z.string().nullable().optional() }).partial().optional(),
  }),
});

/** Looks a Slack user up; never throws (an unknown user is a bare UserRef). */
export type UserLookup = (teamId: string, userId: string) => Promise<UserRef>;

/** Options for the users.info cache. */
export interface UserLookupOptions {
  readonly call: SlackCall;
  readonly logger: Logger;
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** The UserRef for a users.info answer. */
export function toUserRef(body: unknown, userId: string): UserRef {
  const r = userSchema.safeParse(body);
  if (!r.success) return { platform: 'slack', id: userId };
  const u = r.data.user;
  const displayName = u.real_name || u.profile?.real_name || u.profile?.display_name || u.name;
  return {
    platform: 'slack',
    id: u.id,
    ...(displayName ? { displayName } : {}),
    ...(u.profile?.email ? { email: u.profile.email } : {}),
    // Reported as Slack gives them; the core decides which language and zone it answers in.
    ...(u.tz ? { timeZone: u.tz } : {}),
    ...(u.locale ? { locale: u.locale } : {}),
  };
}

/** A cached users.info lookup; concurrent lookups of one user share one call, failures are not cached. */
export function createUserLookup(options: UserLookupOptions): UserLookup {
  const ttl = options.ttlMs ?? 10 * 60_000;
  const max = options.maxEntries ?? 5000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; value: Promise<UserRef> }>();
  return (teamId, userId) => {
    const key = `${teamId}:${userId}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < ttl) return hit.value;
    const value = options.call('users.info', { user: userId, include_locale: true }).then(
      (body) => toUserRef(body, userId),
      (error: unknown) => {
        cache.delete(key);
        options.logger.warn({ userId, err: error }, 'users.info failed');
        return { platform: 'slack', id: userId } satisfies UserRef;
      },
    );
    cache.delete(key);
    cache.set(key, { at: now(), value });
    if (cache.size > max) cache.delete(cache.keys().next().value ?? key);
    return value;
  };
}
