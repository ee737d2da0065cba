// Drives the Slack adapter in Socket Mode: config from SLACK_* variables, fake Web API, fake Socket Mode WebSocket, the real core.
import { loadConfig } from '../../adapters/config';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack';
import { FakeSocket } from './fake-socket';
import { SECRET, startWorld, type World } from './harness';

/** The app-level token the tests configure. */
export const APP_TOKEN = 'xapp-1-A0MEETBOT-1234567890-0123456789abcdef';

/** The bot token the tests configure. */
export const BOT_TOKEN = 'xoxb-1111-2222-socketmodetest';

/** Everything one Socket Mode test needs; the adapter is built but not started. */
export interface SocketHarness extends World {
  readonly socket: FakeSocket;
  readonly adapter: SlackAdapter;
  /** Stops the adapter, then the fakes (once, however often it is called). */
  close(): Promise<void>;
}

/** Fake Slack (Web API and Socket Mode) and the adapter, configured as `meetbot serve` would be with SLACK_APP_TOKEN set. */
export async function startSocketHarness(): Promise<SocketHarness> {
  const world = await startWorld();
  const socket = new FakeSocket();
  await socket.start();
  world.slack.socketUrl = () => socket.ticketUrl();
  const loaded = loadConfig({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: world.slack.apiUrl });
  if (!loaded.ok || !loaded.config.slack) throw new Error(`test configuration rejected: ${loaded.ok ? 'no slack' : loaded.errors.join('; ')}`);
  const adapter = createSlackAdapter({ config: loaded.config.slack, bot: world.bot, logger: world.logger, clock: world.clock, retries: 0 });
  world.attach(adapter);
  let closing: Promise<void> | undefined;
  return {
    ...world,
    socket,
    adapter,
    close() {
      closing ??= (async () => {
        await adapter.stop();
        await socket.close();
        await world.slack.close();
      })();
      return closing;
    },
  };
}
