// The directory slice: GET /users (with simple $filter, $select, $top) and GET /users/{id | userPrincipalName}.
import { json, type LocalContext } from './context';
import type { LocalUser } from './directory';
import { badRequest, GraphHttpError, methodNotAllowed, userNotFound } from './errors';
import { toGraphUser } from './format';
import type { GraphRequest, GraphResponse } from './http-types';

const FILTERABLE: Record<string, keyof LocalUser> = {
  mail: 'mail',
  userprincipalname: 'userPrincipalName',
  mailnickname: 'mailNickname',
  id: 'id',
  displayname: 'displayName',
};

const CLAUSE = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/i;

/** Parses `a eq 'x' or b eq 'y'` into a predicate; throws 400 like Entra for anything else. */
function parseUserFilter(filter: string): (u: LocalUser) => boolean {
  const clauses = filter.split(/\s+or\s+/i).map((part) => {
    const m = CLAUSE.exec(part);
    if (!m) throw badRequest(`Invalid filter clause: ${filter}. The local directory supports "property eq 'value'" joined by "or".`);
    const prop = FILTERABLE[(m[1] ?? '').toLowerCase()];
    if (!prop) throw new GraphHttpError(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property '${m[1]}' of resource 'User'.`);
    return { prop, value: (m[2] ?? '').replace(/''/g, "'").toLowerCase() };
  });
  return (u) => clauses.some((c) => String(u[c.prop] ?? '').toLowerCase() === c.value);
}

function selectOf(req: GraphRequest): string[] | undefined {
  const s = req.query.get('$select');
  return s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined;
}

/** Handles `/users` and `/users/{id | userPrincipalName}`. */
export async function handleUsers(ctx: LocalContext, req: GraphRequest, key: string | undefined): Promise<GraphResponse> {
  if (req.method !== 'GET') throw methodNotAllowed(req.method);
  const select = selectOf(req);
  const ctxSuffix = select ? `(${select.join(',')})` : '';
  if (key === undefined) {
    const filter = req.query.get('$filter');
    let users: readonly LocalUser[] = ctx.dir.users;
    if (filter !== null) users = users.filter(parseUserFilter(filter));
    const topRaw = req.query.get('$top');
    if (topRaw !== null) {
      const top = Number(topRaw);
      if (!Number.isInteger(top) || top < 1 || top > 999) throw badRequest(`Invalid value for $top: '${topRaw}'. Use a whole number from 1 to 999.`);
      users = users.slice(0, top);
    }
    return json(200, { '@odata.context': `${req.serviceRoot}/$metadata#users${ctxSuffix}`, value: users.map((u) => toGraphUser(u, select)) }, req.requestId);
  }
  const user = ctx.dir.byIdOrUpn(key);
  if (!user) throw userNotFound(key);
  return json(200, { '@odata.context': `${req.serviceRoot}/$metadata#users${ctxSuffix}/$entity`, ...toGraphUser(user, select) }, req.requestId);
}
