// A real meetbot server with Slack in front (a fake Web API behind it): slash commands and clicks as Slack signs them.
import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../../adapters/config';
import { FakeSlack, type ApiCall } from '../slack/fake-slack';
import { startTestServer, type TestServer } from '../server/start';

const SIGNING_SECRET = 'calendar-signing-secret-3b7e90c1';
/** Real-length Slack ids of the local directory's people. */
export const SLACK = { alice: 'U024BE7LH', bob: 'U024BE7LJ', carol: 'U024BE7LK', dmitry: 'U024BE7LM', channel: 'C024BE91L' } as const;

/** Polls `probe` until it returns something (the test's timeout bounds it). */
export async function until<T>(probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The server, the fake Slack and what a test does with them. */
export interface SlackServer {
  readonly slack: FakeSlack;
  readonly t: TestServer;
  slash(text: string, user?: string): Promise<void>;
  interact(payload: Record<string, unknown>): Promise<Response>;
  /** A Slack fixture payload with the card's channel, ts and meeting id filled in. */
  fixture(name: string, card: { ts: string; meetingId: string }, user?: string): Record<string, unknown>;
  /** Submits the card's reschedule form with a new date, time (HH:mm) and length in minutes. */
  reschedule(card: { ts: string; meetingId: string }, when: { date: string; time: string; minutes: number }): Promise<void>;
  /** The latest top-level card in the channel. */
  card(): Promise<ApiCall>;
  stop(): Promise<void>;
}

/** Starts fake Slack with alice, bob, carol and dmitry, and meetbot on `env` (the embedded local Graph unless it says otherwise). */
export async function startSlackServer(env: Env = {}): Promise<SlackServer> {
  const slack = new FakeSlack();
  slack.addUser({ id: SLACK.alice, real_name: 'Alice Johnson', tz: 'Europe/London', locale: 'en-GB', email: 'alice@contoso.example' });
  slack.addUser({ id: SLACK.bob, real_name: 'Bob Smith', tz: 'Europe/London', locale: 'en-GB', email: 'bob@contoso.example' });
  slack.addUser({ id: SLACK.carol, real_name: 'Carol Martinez', tz: 'Europe/Berlin', locale: 'en-US', email: 'carol@contoso.example' });
  slack.addUser({ id: SLACK.dmitry, real_name: 'Dmitry Ivanov', tz: 'Europe/Moscow', locale: 'ru-RU', email: 'dmitry@contoso.example' });
  await slack.start();
  const t = await startTestServer({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-calendar-test', SLACK_API_URL: slack.apiUrl, ...env });
  const signed = (body: string): Record<string, string> => {
    const ts = Math.floor(Date.now() / 1000);
    return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}` };
  };
  let triggers = 0;
  const server: SlackServer = {
    slack,
    t,
    async slash(text, user = SLACK.alice) {
      triggers += 1;
      const form = new URLSearchParams({
        token: 'unused', team_id: 'T0001', team_domain: 'contoso', channel_id: SLACK.channel, channel_name: 'general', user_id: user, user_name: 'alice',
        command: '/meet', text, api_app_id: 'A0MEETBOT', response_url: slack.hook(`commands/${triggers}`), trigger_id: `13345224609.738474920.${String(triggers).padStart(31, '0')}`,
      }).toString();
      const res = await fetch(`${t.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signed(form) }, body: form });
      assert.equal(res.status, 200);
    },
    async interact(payload) {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return fetch(`${t.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signed(body) }, body });
    },
    fixture(name, card, user = SLACK.alice) {
      let raw = readFileSync(join(__dirname, '..', 'fixtures', 'slack', name), 'utf8');
      const replace: Record<string, string> = { 'http://127.0.0.1:PORT/': `${slack.url}/`, MEETING_ID: card.meetingId, '1700000100.000200': card.ts, C2147483705: SLACK.channel, UALICE: user };
      for (const [from, to] of Object.entries(replace)) raw = raw.split(from).join(to);
      return JSON.parse(raw) as Record<string, unknown>;
    },
    async reschedule(card, when) {
      const submission = server.fixture('view-submission.json', card);
      const view = submission.view as Record<string, unknown>;
      view.private_metadata = JSON.stringify({ meetingId: card.meetingId, channelId: SLACK.channel, messageTs: card.ts });
      view.state = {
        values: {
          date: { value: { type: 'datepicker', selected_date: when.date } },
          time: { value: { type: 'timepicker', selected_time: when.time } },
          duration: { value: { type: 'number_input', value: String(when.minutes) } },
        },
      };
      assert.equal((await server.interact(submission)).status, 200);
    },
    card: () => until(() => slack.of('chat.postMessage').filter((c) => c.args.channel === SLACK.channel && !c.args.thread_ts && Array.isArray(c.args.blocks)).at(-1)),
    async stop() {
      await t.stop();
      await slack.close();
    },
  };
  return server;
}

/** The ts Slack gave the `index`-th chat.postMessage (the fake counts them). */
export function tsOf(slack: FakeSlack, call: ApiCall): string {
  const index = slack.calls.filter((c) => c.method === 'chat.postMessage').indexOf(call) + 1;
  return `1700000${String(index).padStart(3, '0')}.000100`;
}
