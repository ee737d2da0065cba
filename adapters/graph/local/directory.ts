// The local directory of people: who exists in the local tenant, as Graph's `user` resource describes them.
import { readFileSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { z } from 'zod';

/** A person in the local directory (a Graph `user` plus the zone and language the playground and CLI use). */
export interface LocalUser {
  readonly id: string;
  readonly displayName: string;
  readonly givenName?: string;
  readonly surname?: string;
  readonly mail: string;
  readonly userPrincipalName: string;
  readonly mailNickname: string;
  readonly jobTitle?: string;
  readonly officeLocation?: string;
  /** BCP 47, e.g. `en-US`, `ru-RU` (Graph's `preferredLanguage`). */
  readonly preferredLanguage?: string;
  /** IANA zone (Graph keeps it in mailboxSettings; the local directory keeps it here for convenience). */
  readonly timeZone?: string;
}

/** The local tenant's id (any GUID works; this one is stable so ids in URLs stay the same across runs). */
export const LOCAL_TENANT_ID = '6f1c2e8a-4b0d-4c3e-9a57-2d8f0b1e7c44';

/** The default local directory: alice, bob, carol and dmitry. */
export const DEFAULT_DIRECTORY: readonly LocalUser[] = [
  {
    id: 'a1b2c3d4-0001-4a5b-8c6d-7e8f90a1b2c3', displayName: 'Alice Johnson', givenName: 'Alice', surname: 'Johnson',
    mail: 'alice@contoso.example', userPrincipalName: 'alice@contoso.example', mailNickname: 'alice',
    jobTitle: 'Product Manager', officeLocation: 'Seattle', preferredLanguage: 'en-US', timeZone: 'America/Los_Angeles',
  },
  {
    id: 'b2c3d4e5-0002-4b6c-9d7e-8f90a1b2c3d4', displayName: 'Bob Smith', givenName: 'Bob', surname: 'Smith',
    mail: 'bob@contoso.example', userPrincipalName: 'bob@contoso.example', mailNickname: 'bob',
    jobTitle: 'Engineer', officeLocation: 'London', preferredLanguage: 'en-GB', timeZone: 'Europe/London',
  },
  {
    id: 'c3d4e5f6-0003-4c7d-8e9f-90a1b2c3d4e5', displayName: 'Carol Martinez', givenName: 'Carol', surname: 'Martinez',
    mail: 'carol@contoso.example', userPrincipalName: 'carol@contoso.example', mailNickname: 'carol',
    jobTitle: 'Designer', officeLocation: 'Berlin', preferredLanguage: 'en-US', timeZone: 'Europe/Berlin',
  },
  {
    id: 'd4e5f6a7-0004-4d8e-9fa0-a1b2c3d4e5f6', displayName: 'Дмитрий Иванов', givenName: 'Дмитрий', surname: 'Иванов',
    mail: 'dmitry@contoso.example', userPrincipalName: 'dmitry@contoso.example', mailNickname: 'dmitry',
    jobTitle: 'Инженер', officeLocation: 'Москва', preferredLanguage: 'ru-RU', timeZone: 'Europe/Moscow',
  },
];

const userSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID'),
  displayName: z.string().min(1),
  givenName: z.string().optional(),
  surname: z.string().optional(),
  mail: z.string().email(),
  userPrincipalName: z.string().min(3).optional(),
  mailNickname: z.string().min(1).optional(),
  jobTitle: z.string().optional(),
  officeLocation: z.string().optional(),
  preferredLanguage: z.string().optional(),
  timeZone: z.string().optional(),
});

/** Parses a directory file's JSON (`[{id, displayName, mail, …}]` or `{ users: [...] }`); throws an Error with a readable message. */
export function parseDirectory(json: unknown, source = 'directory'): LocalUser[] {
  const list = z.union([z.array(userSchema), z.object({ users: z.array(userSchema) }).transform((o) => o.users)]).safeParse(json);
  if (!list.success) {
    const issue = list.error.issues[0];
    throw new Error(`${source}: ${issue ? `${issue.path.join('.') || '(root)'} ${issue.message}` : 'not a list of users'}`);
  }
  const users = list.data.map((u) => ({
    ...u,
    userPrincipalName: u.userPrincipalName ?? u.mail,
    mailNickname: u.mailNickname ?? u.mail.split('@')[0] ?? u.mail,
  }));
  const ids = new Set<string>();
  for (const u of users) {
    // Join pages format times in each person's zone: an unknown zone is refused here, not a 500 later.
    if (u.timeZone !== undefined && !IANAZone.isValidZone(u.timeZone)) throw new Error(`${source}: ${u.id} has an unknown time zone "${u.timeZone}" (use an IANA name such as Europe/Berlin)`);
    if (ids.has(u.id.toLowerCase())) throw new Error(`${source}: the id ${u.id} appears twice`);
    ids.add(u.id.toLowerCase());
  }
  return users;
}

/** Reads a directory file (JSON); throws an Error naming the file and the problem. */
export function loadDirectoryFile(path: string): LocalUser[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read the local directory file ${path}: ${(e as Error).message}`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`The local directory file ${path} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  return parseDirectory(json, path);
}

/** Lookups over a directory: by object id, or by id or UPN (case-insensitive, as Entra compares them). */
export class DirectoryIndex {
  constructor(readonly users: readonly LocalUser[]) {}

  /** By object id only (what onlineMeetings paths accept). */
  byId(id: string): LocalUser | undefined {
    const k = id.toLowerCase();
    return this.users.find((u) => u.id.toLowerCase() === k);
  }

  /** By object id or userPrincipalName (what `/users/{id | userPrincipalName}` accepts). */
  byIdOrUpn(key: string): LocalUser | undefined {
    const k = key.toLowerCase();
    return this.users.find((u) => u.id.toLowerCase() === k || u.userPrincipalName.toLowerCase() === k);
  }
}
