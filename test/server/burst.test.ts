// A burst of commands while Graph is slow: each command mostly waits on Graph, so the default job slots let the whole
// burst wait side by side instead of in waves, each wave paying Graph's latency again.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DIRECTORY } from '../../adapters/graph/local';
import { until } from '../calendar/slack-server';
import { startFakeConnector, type FakeConnector } from '../teams/helpers/connector';
import { startTestServer, type TestServer } from './start';

const BURST = 48;
const [alice] = DEFAULT_DIRECTORY as [typeof DEFAULT_DIRECTORY[0]];
const ALICE = { id: '29:1Vq8mZ3alice0tYbN2', name: alice.displayName, aadObjectId: alice.id, email: alice.mail };
const channelMessage = JSON.parse(readFileSync(join(__dirname, '../fixtures/teams/channel-message.json'), 'utf8')) as Record<string, unknown>;

describe('a burst of commands while Graph is slow', function () {
  this.timeout(60_000);
  let connector: FakeConnector;
  let t: TestServer;

  before(async () => {
    connector = await startFakeConnector([ALICE]);
    t = await startTestServer({ MEETBOT_LOCAL_FAULTS: 'latency=2000' });
  });
  after(async () => {
    await t?.stop();
    await connector?.close();
  });

  const runningJobs = async (): Promise<number> => {
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    return Number(/^meetbot_queue_active_jobs (\d+)$/m.exec(metrics)?.[1] ?? 0);
  };

  it(`runs ${BURST} commands asked for at once side by side, and posts each card`, async () => {
    const posted = await Promise.all(Array.from({ length: BURST }, async (_, i) => {
      const id = String(1_772_442_100_000 + i);
      const res = await fetch(`${t.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...channelMessage,
          id,
          serviceUrl: connector.url,
          text: `<at>meetbot</at> now Standup ${i}\n`,
          entities: [{ mentioned: { id: '28:bot-app-id', name: 'meetbot' }, text: '<at>meetbot</at>', type: 'mention' }],
          from: { id: ALICE.id, name: ALICE.name, aadObjectId: ALICE.aadObjectId },
          conversation: { isGroup: true, conversationType: 'channel', tenantId: 'tenant-1', id: `19:general@thread.tacv2;messageid=${id}` },
        }),
      });
      return res.status;
    }));
    assert.deepEqual([...new Set(posted)], [200]);
    // Every command is acknowledged and Graph holds each for two seconds: while it does, all of them are running.
    let mostAtOnce = 0;
    const cards = (): number => connector.calls.filter((c) => Array.isArray(c.activity.attachments)).length;
    while (cards() === 0) mostAtOnce = Math.max(mostAtOnce, await runningJobs());
    await until(() => (cards() >= BURST ? true : undefined));
    assert.ok(mostAtOnce >= BURST, `${mostAtOnce} jobs ran at once; every command of the burst should wait on Graph at the same time`);
  });
});
