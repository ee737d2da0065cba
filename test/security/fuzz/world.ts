// The fuzzed world: a local-mode server with Slack (signed requests, fake Web API) and unauthenticated Teams, a
// second server with Teams credentials, fake Bot Connector and Slack; one route per surface, each an arbitrary of
// mutated real payloads, and the verdict on each answer.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { person } from '../../graph/helpers';
import { startTestServer, type TestServer } from '../../server/start';
import { FakeSlack } from '../../slack/fake-slack';
import { startFakeConnector, type FakeConnector } from '../../teams/helpers/connector';
import { hostileValue, mutated } from './mutate';

const SECRET = 'c0ffee5e1f2a3b4c5d6e7f8091a2b3c4';
const APP_ID = '1c8f3d2e-5a4b-4c6d-9e8f-0a1b2c3d4e5f';
const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** One request a route makes. */
export interface Shot {
  readonly server: 'local' | 'teams';
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** A further check on a 2xx answer (e.g. an accepted command got a card or an explanation); returns a problem. */
  readonly accepted?: (body: string) => string | undefined;
}

/** The running world. */
export interface World {
  readonly routes: Record<string, fc.Arbitrary<Shot>>;
  /** Sends one shot; resolves with the status and the problem, if any. */
  fire(shot: Shot): Promise<{ status: number; problem?: string }>;
  /** Forgets what the fakes recorded (long runs). */
  forget(): void;
  close(): Promise<void>;
}

const read = (path: string): unknown => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));
const sign = (body: string, ts = Math.floor(Date.now() / 1000)) => ({ 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` });
// Lone surrogates go out as their WTF-8 bytes (invalid UTF-8), as a hostile client would send them.
const enc = (s: string): string =>
  s.split(/([\uD800-\uDFFF])/).map((part) => {
    const c = part.charCodeAt(0);
    if (part.length !== 1 || c < 0xd800 || c > 0xdfff) return encodeURIComponent(part);
    return [0xed, 0xa0 | ((c >> 6) & 0x0f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  }).join('');
const formOf = (value: unknown): string => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return String(JSON.stringify(value));
  return Object.entries(value).map(([k, v]) => `${enc(k)}=${enc(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`).join('&');
};
const safeJson = (value: unknown): string => JSON.stringify(value) ?? 'null';

/** Starts both servers and the fakes. */
export async function startWorld(): Promise<World> {
  const slack = new FakeSlack();
  slack.addUser({ id: 'UALICE', real_name: 'Alice Smith', tz: 'Europe/Berlin', email: 'alice@contoso.example' }).addUser({ id: 'UBOB', real_name: 'Bob Jones', email: 'bob@contoso.example' });
  await slack.start();
  const connector: FakeConnector = await startFakeConnector();
  const local: TestServer = await startTestServer({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-2147483705-fuzz', SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'silent' });
  const teams: TestServer = await startTestServer({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'Zq8~xKf2.Pd4nL7sVb1Hc9Wm3Ry6Tg0Ju5Ea', LOG_LEVEL: 'silent' });
  const start = new Date(Date.now() + 86_400_000);
  const { meeting } = await local.server.backend.meetings.createOrGet({ externalId: 'fuzz-1', organizer: person('alice'), subject: 'Fuzz', start, end: new Date(start.getTime() + 1_800_000), attendees: [] });
  const joinPath = new URL(meeting.joinUrl).pathname;
  const subscription = await local.server.backend.subscriptions.create(meeting.joinUrl, new Date());

  const slackBases: Array<{ base: unknown; encode: (v: unknown) => { type: string; body: string } }> = [
    { base: { ...(read('slack/slash-command.json') as object), response_url: slack.hook('commands/T0001/1/2') }, encode: (v) => ({ type: 'application/x-www-form-urlencoded', body: formOf(v) }) },
    { base: read('slack/app-mention.json'), encode: (v) => ({ type: 'application/json', body: safeJson(v) }) },
    ...['block-actions.json', 'view-submission.json', 'shortcut.json'].map((f) => ({ base: read(`slack/${f}`), encode: (v: unknown) => ({ type: 'application/x-www-form-urlencoded', body: `payload=${enc(safeJson(v))}` }) })),
  ];
  const slackRoute = fc.tuple(fc.nat(slackBases.length - 1), fc.nat(), fc.constantFrom('signed', 'signed', 'signed', 'stale', 'unsigned', 'wrong-type')).chain(([i, seed, how]) => {
    const base = slackBases[i];
    if (!base) throw new Error('no base');
    return mutated(base.base).map((value): Shot => {
      const { type, body } = base.encode(value);
      const headers = how === 'unsigned' ? {} : sign(body, how === 'stale' ? Math.floor(Date.now() / 1000) - 600 - (seed % 1000) : undefined);
      return { server: 'local', method: 'POST', path: '/slack/events', headers: { 'content-type': how === 'wrong-type' ? 'text/plain' : type, ...headers }, body };
    });
  });

  const teamsBases = ['channel-message', 'personal-message', 'group-chat-message', 'invoke-action', 'submit-action', 'tag-mention-message'].map((n) => ({ ...(read(`teams/${n}.json`) as object), serviceUrl: connector.url }));
  const teamsLocal = fc.constantFrom(...teamsBases).chain((b) => mutated(b)).map((v): Shot => ({ server: 'local', method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json' }, body: safeJson(v) }));
  const forged = fc.record({ alg: fc.constantFrom('HS256', 'RS256', 'none', 'ES256'), claims: mutated({ iss: 'https://api.botframework.com', aud: APP_ID, exp: 4102444800 }) }).map(
    ({ alg, claims }) => `${Buffer.from(safeJson({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(safeJson(claims)).toString('base64url')}.${Buffer.alloc(32, 1).toString('base64url')}`,
  );
  const auth = fc.oneof(fc.constant(undefined), forged.map((t) => `Bearer ${t}`), fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`), fc.constantFrom('Basic YWxpY2U6cHc=', 'Bearer'));
  const teamsAuth = fc.tuple(fc.constantFrom(...teamsBases).chain((b) => mutated(b)), auth).map(([v, a]): Shot => ({ server: 'teams', method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json', ...(a ? { authorization: a } : {}) }, body: safeJson(v) }));

  const note = read('graph/callEventNotification.json') as { value: Array<Record<string, unknown>> };
  const ours = { value: note.value.map((item) => ({ ...item, subscriptionId: subscription.id, clientState: subscription.clientState, resource: `communications/onlineMeetings(joinWebUrl='${encodeURIComponent(meeting.joinUrl)}')/meetingCallEvents` })) };
  const notifications = fc.tuple(fc.constantFrom<unknown>(note, ours), fc.option(hostileValue, { freq: 5 })).chain(([base, token]) =>
    mutated(base).map((v): Shot => ({ server: 'local', method: 'POST', path: `/api/graph/notifications${token === null ? '' : `?validationToken=${enc(typeof token === "string" ? token : safeJson(token))}`}`, headers: { 'content-type': 'application/json' }, body: safeJson(v) })),
  );

  const bot = (body: string): string | undefined => {
    const parsed = JSON.parse(body) as { messages?: Array<{ author: { kind: string } }> };
    return parsed.messages?.some((m) => m.author.kind === 'bot') ? undefined : 'an accepted /meet got neither a card nor an explanation';
  };
  const message = mutated({ as: 'alice', conversation: 'general', text: '/meet now Fuzz @bob', timeZone: 'Europe/Berlin' }).map((v): Shot => {
    const text = v !== null && typeof v === 'object' && !Array.isArray(v) ? v.text : undefined;
    const addressed = typeof text === 'string' && /^\/meet(\s|$)/.test(text);
    return { server: 'local', method: 'POST', path: '/playground/api/messages', headers: { 'content-type': 'application/json' }, body: safeJson(v), ...(addressed ? { accepted: bot } : {}) };
  });
  const click = mutated({ as: 'alice', conversation: 'general', messageId: 'm-1', click: { action: 'cancel', meetingId: meeting.id } }).map((v): Shot => ({ server: 'local', method: 'POST', path: '/playground/api/actions', headers: { 'content-type': 'application/json' }, body: safeJson(v) }));
  const reads = fc.tuple(fc.constantFrom('/playground/api/messages', '/playground/api/people'), mutated({ as: 'alice', conversation: 'general' })).map(([path, q]): Shot => ({ server: 'local', method: 'GET', path: `${path}?${formOf(q)}`, headers: {} }));
  const playground = fc.oneof({ weight: 3, arbitrary: message }, { weight: 1, arbitrary: click }, { weight: 1, arbitrary: reads });

  const joinRoute = fc.tuple(fc.constantFrom(joinPath, '/local/meetings/nope', '/local/meetings/%E0%A4%A', '/local/meetings/dial-in/123'), fc.constantFrom('join', 'leave', ''), fc.boolean(), mutated({ user: person('bob').id })).map(
    ([path, act, asForm, v]): Shot => (act
      ? { server: 'local', method: 'POST', path: `${path}/${act}`, headers: { 'content-type': asForm ? 'application/x-www-form-urlencoded' : 'application/json' }, body: asForm ? formOf(v) : safeJson(v) }
      : { server: 'local', method: 'GET', path: `${path}?note=${enc(safeJson(v))}`, headers: {} }),
  );

  const urls = { local: local.url, teams: teams.url };
  return {
    routes: { slack: slackRoute, 'teams (unauthenticated, local)': teamsLocal, 'teams (authenticated)': teamsAuth, notifications, playground, 'join page': joinRoute },
    async fire(shot) {
      const res = await fetch(`${urls[shot.server]}${shot.path}`, { method: shot.method, headers: shot.headers, redirect: 'manual', ...(shot.body !== undefined ? { body: shot.body } : {}) });
      const text = await res.text();
      const isInvoke = shot.path === '/api/messages' && res.status === 501;
      if (res.status >= 500 && !isInvoke) return { status: res.status, problem: `HTTP ${res.status} for ${shot.method} ${shot.path} ${shot.body?.slice(0, 2000) ?? ""}: ${text.slice(0, 200)}` };
      if (res.status >= 200 && res.status < 300 && shot.accepted) return { status: res.status, ...(shot.accepted(text) ? { problem: shot.accepted(text) } : {}) };
      return { status: res.status };
    },
    forget() {
      slack.calls.length = 0;
      slack.hooks.length = 0;
      connector.calls.length = 0;
      connector.lookups.length = 0;
    },
    async close() {
      await local.stop();
      await teams.stop();
      await slack.close();
      await connector.close();
    },
  };
}
