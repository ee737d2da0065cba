// Directory on Graph users: chat users → Microsoft 365 users, looked up in JSON batches and cached with a TTL.
import type { UserRef } from '../../src/types';
import type { Clock, Directory, M365User } from '../../src/bot-api';
import { wellFormed } from '../unicode';
import type { DirectoryCache } from './cache';
import type { GraphClient } from './client';
import { graphErrorFromBody, translateGraphError } from './errors';
import { DEFAULT_RETRY, RETRYABLE_STATUS, nextDelay, realSleep, retryAfterMs, type RetryPolicy, type Sleep } from './retry';
import { batchResponseSchema, toM365User, userListSchema, userSchema } from './schemas';

/** Graph's limit of requests in one JSON batch. */
export const BATCH_LIMIT = 20;

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

/** A header of a batch item; Graph's casing varies. */
function header(headers: Readonly<Record<string, string>> | null | undefined, name: string): string | undefined {
  return Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
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

  /** Sends one batch (≤ 20), re-sending throttled items within the retry budget. */
  async function runBatch(queries: readonly Query[]): Promise<Map<string, M365User | null>> {
    const answers = new Map<string, M365User | null>();
    let pending = queries.map((q, i) => ({ q, id: String(i + 1) }));
    const started = Date.now();
    for (let attempt = 1; pending.length > 0; attempt++) {
      const raw: unknown = await graph.client.api('/$batch').post({ requests: pending.map(({ q, id }) => ({ id, method: 'GET', url: q.url })) });
      const { responses } = batchResponseSchema.parse(raw);
      const retry: typeof pending = [];
      let wait = 0;
      let lastFailure: { status: number; body: unknown; name: string } | undefined;
      for (const item of pending) {
        const answer = responses.find((r) => r.id === item.id);
        const status = answer?.status ?? 500;
        if (status >= 200 && status < 300) answers.set(item.q.key, parseUser(item.q.single, answer?.body));
        else if (status === 404) answers.set(item.q.key, null);
        else if (RETRYABLE_STATUS.has(status) || !answer) {
          retry.push(item);
          wait = Math.max(wait, retryAfterMs(header(answer?.headers, 'retry-after'), Date.now()) ?? 0);
          lastFailure = { status, body: answer?.body, name: item.q.name };
        } else throw translateGraphError(graphErrorFromBody(status, answer.body), { userName: item.q.name });
      }
      if (retry.length > 0 && lastFailure) {
        const delay = nextDelay(policy, attempt, Date.now() - started, wait || undefined);
        if (delay === undefined) throw translateGraphError(graphErrorFromBody(lastFailure.status, lastFailure.body), { userName: lastFailure.name });
        await sleep(delay);
      }
      pending = retry;
    }
    return answers;
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
