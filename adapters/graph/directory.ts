// Directory on Graph users: chat users → Microsoft 365 users, looked up in JSON batches and cached with a TTL.
import type { UserRef } from '../../src/types';
import type { Clock, Directory, M365User } from '../../src/bot-api';
import { wellFormed } from '../unicode';
import type { DirectoryCache } from './cache';
import type { GraphClient } from './client';
import { graphErrorFromBody, translateGraphError } from './errors';
import { BATCH_LIMIT, sendBatch } from './batch';
import { DEFAULT_RETRY, realSleep, type RetryPolicy, type Sleep } from './retry';
import { toM365User, userListSchema, userSchema } from './schemas';

/** Options for the Graph directory. */
export interface GraphDirectoryOptions {
  readonly cache: DirectoryCache;
  readonly clock?: Clock;
  /** How long a found user is trusted (default 1 h). */
  readonly ttlMs?: number;
  /** How long "nobody by that name" is trusted (default 5 min), short so a new hire is found soon. */
  readonly missTtlMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly sleep?: Sleep;
}

const SELECT = '$select=id,displayName,mail,userPrincipalName';

/** One directory question: its cache key and the relative Graph URL that answers it. */
interface Query {
  readonly key: string;
  readonly url: string;
  readonly single: boolean;
  readonly name: string;
}

const quote = (value: string): string => `'${value.replace(/'/g, "''")}'`;
// Ids reach here from every platform; a lone surrogate would make encodeURIComponent throw instead of finding nobody.
const encode = (value: string): string => encodeURIComponent(wellFormed(value));
const filterUrl = (expr: string): string => `/users?$filter=${encode(expr)}&${SELECT}`;

/** The Graph question for a chat user: by Entra id, else by e-mail/UPN, else the platform id as mail nickname. */
export function queryFor(ref: UserRef): Query | undefined {
  const name = ref.displayName ?? ref.email ?? ref.id;
  if (ref.aadObjectId) return { key: `graph:user:id:${ref.aadObjectId}`, url: `/users/${encode(ref.aadObjectId)}?${SELECT}`, single: true, name };
  if (ref.email) {
    const mail = ref.email.trim().toLowerCase();
    return { key: `graph:user:mail:${mail}`, url: filterUrl(`mail eq ${quote(mail)} or userPrincipalName eq ${quote(mail)}`), single: false, name };
  }
  const nick = ref.id.trim().replace(/^@/, '').toLowerCase();
  if (!nick) return undefined;
  return { key: `graph:user:nick:${nick}`, url: filterUrl(`mailNickname eq ${quote(nick)}`), single: false, name };
}

function parseUser(single: boolean, body: unknown): M365User | null {
  if (single) return toM365User(userSchema.parse(body));
  const first = userListSchema.parse(body).value[0];
  return first ? toM365User(first) : null;
}

function parseCached(value: string): M365User | undefined {
  try {
    const user = userSchema.safeParse(JSON.parse(value));
    return user.success ? toM365User(user.data) : undefined;
  } catch {
    return undefined;
  }
}

/** The directory on a Graph client. */
export function createGraphDirectory(graph: GraphClient, opts: GraphDirectoryOptions): Directory {
  const clock = opts.clock ?? { now: () => new Date() };
  const ttl = opts.ttlMs ?? 3_600_000;
  const missTtl = opts.missTtlMs ?? 300_000;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const sleep = opts.sleep ?? realSleep;

  /** Looks up one batch (≤ 20); throttled items are re-sent within the retry budget. */
  async function runBatch(queries: readonly Query[]): Promise<Map<string, M365User | null>> {
    const answers = await sendBatch(() => graph.client.api('/$batch'), queries.map((q) => ({ method: 'GET', url: q.url })), policy, sleep);
    const users = new Map<string, M365User | null>();
    answers.forEach(({ status, body }, i) => {
      const q = queries[i];
      if (!q) return;
      if (status >= 200 && status < 300) users.set(q.key, parseUser(q.single, body));
      else if (status === 404) users.set(q.key, null);
      else throw translateGraphError(graphErrorFromBody(status, body), { userName: q.name });
    });
    return users;
  }

  async function fetchAll(queries: readonly Query[]): Promise<Map<string, M365User | null>> {
    const chunks: Query[][] = [];
    for (let i = 0; i < queries.length; i += BATCH_LIMIT) chunks.push(queries.slice(i, i + BATCH_LIMIT));
    try {
      const results = await Promise.all(chunks.map(runBatch));
      return new Map(results.flatMap((m) => [...m]));
    } catch (error) {
      throw translateGraphError(error);
    }
  }

  return {
    async lookup(refs) {
      const queries = refs.map(queryFor);
      const now = clock.now();
      const known = new Map<string, M365User | null>();
      const missing = new Map<string, Query>();
      for (const q of queries) {
        if (!q || known.has(q.key) || missing.has(q.key)) continue;
        const cached = await opts.cache.get(q.key, now);
        const user = cached === null ? null : cached === undefined ? undefined : parseCached(cached);
        if (user === undefined) missing.set(q.key, q);
        else known.set(q.key, user);
      }
      if (missing.size > 0) {
        const fetched = await fetchAll([...missing.values()]);
        for (const [key, user] of fetched) {
          known.set(key, user);
          const expiresAt = new Date(now.getTime() + (user ? ttl : missTtl));
          await opts.cache.set(key, user ? JSON.stringify(user) : null, expiresAt);
        }
      }
      return queries.map((q) => (q ? (known.get(q.key) ?? null) : null));
    },
  };
}
