// What every handler of the local service shares: persistence, the directory, the tenant, the clock.
import type { DirectoryIndex, LocalUser } from './directory';
import { GraphHttpError } from './errors';
import type { GraphResponse } from './http-types';
import type { LocalGraphRepo } from './repo';

/** Shared state of one local Graph instance. */
export interface LocalContext {
  readonly repo: LocalGraphRepo;
  readonly dir: DirectoryIndex;
  readonly tenantId: string;
  /** Absolute origin people and clients reach the service at, e.g. `http://127.0.0.1:3978`. */
  readonly publicBaseUrl: string;
  /** Path of the join pages under the origin (`/local/meetings`). */
  readonly joinPath: string;
  /** Lower-cased ids and UPNs whose meetings answer 403 "No application access policy found for this app". */
  readonly usersWithoutPolicy: ReadonlySet<string>;
  readonly now: () => Date;
}

/** Graph's JSON content type. */
export const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** A JSON response with Graph's headers. */
export function json(status: number, body: unknown, requestId: string): GraphResponse {
  return { status, headers: { 'content-type': JSON_TYPE, 'request-id': requestId, 'client-request-id': requestId }, body };
}

/** A 204 response. */
export function noContent(requestId: string): GraphResponse {
  return { status: 204, headers: { 'request-id': requestId, 'client-request-id': requestId } };
}

/** The join page URL's base, e.g. `http://127.0.0.1:3978/local/meetings`. */
export const joinBase = (ctx: LocalContext): string => `${ctx.publicBaseUrl}${ctx.joinPath}`;

/**
 * The user named in an onlineMeetings path. Graph wants the object id there: a userPrincipalName gets 404
 * (graph.md §2.1, §2.7), and so does anyone unknown. Users without an access policy get Graph's 403.
 */
export function meetingUser(ctx: LocalContext, raw: string): LocalUser {
  const user = ctx.dir.byId(raw);
  if (!user) {
    const hint = ctx.dir.byIdOrUpn(raw) ? " onlineMeetings needs the user's object id in the path, not the userPrincipalName." : '';
    throw new GraphHttpError(404, 'NotFound', `The user '${raw}' could not be found.${hint}`);
  }
  if (ctx.usersWithoutPolicy.has(user.id.toLowerCase()) || ctx.usersWithoutPolicy.has(user.userPrincipalName.toLowerCase())) {
    throw new GraphHttpError(403, 'Forbidden', 'No application access policy found for this app');
  }
  return user;
}
