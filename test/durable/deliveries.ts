// The deliveries the durable tests send, each with an identity of its own so every answer can be attributed: a
// slash command with its own trigger_id, response_url, channel and invoker; an app_mention with its own event_id; a
// Teams channel message with its own activity id, and so its own reply chain.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeSlack } from '../slack/fake-slack';
import type { FakeMember } from '../teams/helpers/connector';
import { fixture } from '../slack/harness';

/** A slash command ready to POST. */
export interface SlashDelivery {
  readonly body: string;
  readonly triggerId: string;
  readonly hookPath: string;
  readonly channel: string;
  readonly userId: string;
}

/** `/meet now Standup <n> <@UBOB>` from its own person in its own channel; the person is added to the fake. */
export function slashCommand(n: number, slack: FakeSlack): SlashDelivery {
  const channel = `C${2147480000 + n}`;
  const userId = `U0${String(n).padStart(7, '0')}`;
  slack.addUser({ id: userId, real_name: 'Alice Smith', tz: 'America/New_York', locale: 'en-US', email: 'alice@contoso.example' });
  const triggerId = `13345224609.${738474920 + n}.${randomBytes(11).toString('hex').slice(0, 21)}`;
  const hookName = `commands/T0001/${channel}/${randomBytes(6).toString('hex')}`;
  const fields = fixture<Record<string, string>>('slash-command.json');
  const form = {
    ...fields,
    channel_id: channel,
    user_id: userId,
    user_name: `alice${n}`,
    text: `now Standup ${n} <@UBOB>`,
    response_url: slack.hook(hookName),
    trigger_id: triggerId,
  };
  return { body: new URLSearchParams(form).toString(), triggerId, hookPath: `/hooks/${hookName}`, channel, userId };
}

/** An app_mention event envelope ready to POST. */
export interface MentionDelivery {
  readonly body: string;
  readonly eventId: string;
  /** Its own channel: a refusal goes there with chat.postEphemeral. */
  readonly channel: string;
}

/** `@meetbot now Retro <n> <@UBOB>` in a channel of its own, as an Events API envelope. */
export function appMention(n: number): MentionDelivery {
  const envelope = fixture<{ event: Record<string, unknown> } & Record<string, unknown>>('app-mention.json');
  const eventId = `Ev0${randomBytes(5).toString('hex').toUpperCase()}${n}`;
  const ts = `1515449${String(522 + n).padStart(3, '0')}.000016`;
  const channel = `C${2147490000 + n}`;
  const event = { ...envelope.event, text: `<@UMEETBOT> now Retro ${n} <@UBOB>`, channel, ts, event_ts: ts, client_msg_id: randomBytes(16).toString('hex') };
  return { body: JSON.stringify({ ...envelope, event, event_id: eventId }), eventId, channel };
}

/** A Teams channel message ready to POST. */
export interface TeamsDelivery {
  readonly body: string;
  readonly activityId: string;
  /** Where its replies go: its own reply chain. */
  readonly conversationId: string;
}

const TEAMS_FIXTURE = join(__dirname, '..', 'fixtures', 'teams', 'channel-message.json');

/** The people of the Teams fixture, as the Bot Connector answers for them: the local directory's Alice, Bob and Carol. */
export const TEAMS_MEMBERS: readonly FakeMember[] = [
  { id: '29:1alice', name: 'Alice Johnson', aadObjectId: 'a1b2c3d4-0001-4a5b-8c6d-7e8f90a1b2c3', email: 'alice@contoso.example' },
  { id: '29:1bob', name: 'Bob Smith', aadObjectId: 'b2c3d4e5-0002-4b6c-9d7e-8f90a1b2c3d4', email: 'bob@contoso.example' },
  { id: '29:1carol', name: 'Carol Martinez', aadObjectId: 'c3d4e5f6-0003-4c7d-8e9f-90a1b2c3d4e5', email: 'carol@contoso.example' },
];

/** "@meetbot now Standup <n> @Alice @Bob" as a new channel post, answered through `serviceUrl`. */
export function channelMention(n: number, serviceUrl: string): TeamsDelivery {
  const activity = JSON.parse(readFileSync(TEAMS_FIXTURE, 'utf8')) as Record<string, unknown> & { conversation: Record<string, unknown> };
  const activityId = String(1772442000123 + n * 1000 + Math.floor(Math.random() * 1000));
  const conversationId = `19:general@thread.tacv2;messageid=${activityId}`;
  const text = `<at>meetbot</at> now Standup ${n} <at>Alice</at> <at>Bob</at>\n`;
  const from = { id: '29:1carol', name: 'Carol Martinez', aadObjectId: 'c3d4e5f6-0003-4c7d-8e9f-90a1b2c3d4e5' };
  const body = { ...activity, id: activityId, text, attachments: [], serviceUrl, from, conversation: { ...activity.conversation, id: conversationId } };
  return { body: JSON.stringify(body), activityId, conversationId };
}
