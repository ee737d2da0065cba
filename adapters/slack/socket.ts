// Socket Mode: Bolt's SocketModeReceiver, connecting through the configured Web API and shutting down for real.
import { SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { slackErrorCode } from './api';

/** Socket Mode's receiver for Bolt, plus a connect and disconnect that finish when the WebSocket has. */
export interface SocketMode {
  readonly receiver: SocketModeReceiver;
  /** Resolves once Slack said hello; rejects with a message naming Slack's error, never a token. */
  connect(): Promise<void>;
  /** Resolves once the WebSocket is closed and its timers are cleared (Bolt's own stop does not wait). */
  disconnect(): Promise<void>;
}

/** What Socket Mode needs. */
export interface SocketModeOptions {
  /** The app-level token (`xapp-…`) that apps.connections.open takes. */
  readonly appToken: string;
  /** The Web API base (SLACK_API_URL); apps.connections.open goes there like every other call. */
  readonly apiUrl?: string;
  readonly logger: BoltLogger;
}

const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'unknown_error';

/** Builds the Socket Mode receiver. */
export function createSocketMode(options: SocketModeOptions): SocketMode {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    // Without this, apps.connections.open would always go to slack.com, whatever SLACK_API_URL says.
    installerOptions: { clientOptions: { ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}), timeout: 10_000 } },
  });
  return {
    receiver,
    async connect() {
      try {
        await receiver.start();
      } catch (error) {
        // The receiver may hold a half-open socket or a reconnect timer: leave nothing running behind a failed start.
        await receiver.client.disconnect();
        throw new Error(`Slack Socket Mode could not connect (${slackErrorCode(error) ?? codeOf(error)}); check SLACK_APP_TOKEN and that Socket Mode is enabled for the app`, {
          cause: error,
        });
      }
    },
    disconnect: () => receiver.client.disconnect(),
  };
}
