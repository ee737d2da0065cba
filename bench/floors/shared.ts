// What both floors share: the one createOrGet a bare bot makes, with one plain fetch, and where they listen.

/** Alice in the local Graph's default directory: the floors create every meeting as her. */
export const ORGANIZER_ID = 'a1b2c3d4-0001-4a5b-8c6d-7e8f90a1b2c3';

/** The Graph meeting fields a floor's card shows. */
export interface FloorMeeting {
  readonly subject: string;
  readonly joinWebUrl: string;
  readonly startDateTime: string;
  readonly endDateTime: string;
}

/** A required environment variable. */
export function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** One POST …/onlineMeetings/createOrGet, as a bot without any framework of its own would send it. */
export async function createOrGet(graphBase: string, externalId: string, subject: string): Promise<FloorMeeting> {
  const start = new Date();
  const end = new Date(start.getTime() + 30 * 60_000);
  const res = await fetch(`${graphBase}/users/${ORGANIZER_ID}/onlineMeetings/createOrGet`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ externalId, subject, startDateTime: start.toISOString(), endDateTime: end.toISOString() }),
  });
  if (!res.ok) throw new Error(`createOrGet answered ${res.status}`);
  return (await res.json()) as FloorMeeting;
}
