// The local directory's people as each fake platform knows them (Slack users.info, Teams members), for end-to-end
// tests over the embedded local Graph: one table, so every test names the same people the same way.
import { DEFAULT_DIRECTORY } from '../../adapters/graph/local';
import type { FakeSlack } from '../slack/fake-slack';

const [alice, bob, carol] = DEFAULT_DIRECTORY as [typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0], typeof DEFAULT_DIRECTORY[0]];

/** Alice, Bob and Carol as Teams members (real-shaped 29: ids, their Entra ids from the local directory). */
export const TEAMS_PEOPLE = {
  ALICE: { id: '29:1Vq8mZ3alice0tYbN2', name: alice.displayName, aadObjectId: alice.id, email: alice.mail },
  BOB: { id: '29:1Vq8mZ3bob00tYbN2', name: bob.displayName, aadObjectId: bob.id, email: bob.mail },
  CAROL: { id: '29:1Vq8mZ3carol0tYbN2', name: carol.displayName, aadObjectId: carol.id, email: carol.mail },
} as const;

/** Their Slack user ids (and Dmitry's, who reads Russian). */
export const SLACK_IDS = { ALICE: 'U024BE7LH', BOB: 'U024BE7LJ', CAROL: 'U024BE7LK', DMITRY: 'U024BE7LM' } as const;

/** Adds Alice, Bob and Carol (and, with `withDmitry`, Dmitry) to fake Slack's users.info. */
export function addSlackPeople(slack: FakeSlack, withDmitry = false): void {
  slack.addUser({ id: SLACK_IDS.ALICE, real_name: 'Alice Johnson', tz: 'Europe/London', locale: 'en-GB', email: 'alice@contoso.example' });
  slack.addUser({ id: SLACK_IDS.BOB, real_name: 'Bob Smith', tz: 'Europe/London', locale: 'en-GB', email: 'bob@contoso.example' });
  slack.addUser({ id: SLACK_IDS.CAROL, real_name: 'Carol Martinez', tz: 'Europe/Berlin', locale: 'en-US', email: 'carol@contoso.example' });
  if (withDmitry) slack.addUser({ id: SLACK_IDS.DMITRY, real_name: 'Dmitry Ivanov', tz: 'Europe/Moscow', locale: 'ru-RU', email: 'dmitry@contoso.example' });
}
