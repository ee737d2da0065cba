// The bot's call legs wired: the Calls API on the meeting backend's Graph, callbacks at /api/calls (token-checked
// with Teams credentials; without them only in local mode), and what they learn handed to the core.
import type { Express } from 'express';
import type { Bot, Clock, Logger } from '../../src/bot-api';
import type { Config } from '../config';
import { createCalling, type Calling } from '../graph/calling';
import type { MeetingBackend } from './backend';
import { createCallingAuth } from './calling-auth';
import { CALLS_PATH, callsRoute } from './calls-route';
import type { LocalCallingSigner } from './local-calling-key';

/** What the wiring needs; `bot` is read late (the bot is built with the calling service it receives). */
export interface CallingWiringOptions {
  readonly config: Config;
  readonly backend: MeetingBackend;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly bot: () => Bot | undefined;
  readonly track: (work: Promise<unknown>) => void;
  /** The origin the server listens on, once it does (the callbackUri without MEETBOT_PUBLIC_URL). */
  readonly ownOrigin: () => string | undefined;
  /** Where the calling service's OpenID configuration is (tests serve their own); default Microsoft's. */
  readonly openIdUrl?: string;
  readonly fetch?: typeof fetch;
  /** How long the bot waits for an unanswered ring before it leaves (default 90 s). */
  readonly ringTimeoutMs?: number;
  /** The embedded local service's signing key, trusted in local mode with credentials. */
  readonly localSigner?: LocalCallingSigner;
}

/** The calling service and its route, or nothing when calls cannot be authenticated (remote Graph, no Teams credentials). */
export function createCallingWiring(opts: CallingWiringOptions): { readonly calling?: Calling; mount(app: Express): void } {
  const { config, backend, logger } = opts;
  const local = Boolean(backend.local);
  if (!config.teams && !local) {
    logger.info({}, 'ringing and following calls are off: the Calls API needs MICROSOFT_APP_ID (its callbacks are checked against it)');
    return { mount: () => undefined };
  }
  if (!local && !config.publicUrl?.startsWith('https://')) {
    logger.warn({}, 'MEETBOT_PUBLIC_URL is not an https:// URL: the Calls API refuses such callback URLs, so ringing people into meetings will fail');
  }
  const calling = createCalling({
    calls: backend.calls(config.teams?.tenantId),
    callbackUri: () => `${config.publicUrl ?? opts.ownOrigin() ?? ''}${CALLS_PATH}`,
    clock: opts.clock,
    logger,
    ...(opts.ringTimeoutMs !== undefined ? { ringTimeoutMs: opts.ringTimeoutMs } : {}),
    sink: {
      ring: async (event) => void (await opts.bot()?.handleRingEvent?.(event)),
      call: async (event) => void (await opts.bot()?.handleCallEvent(event)),
    },
  });
  const auth = config.teams ? createCallingAuth({ appId: config.teams.appId, ...(opts.openIdUrl ? { openIdUrl: opts.openIdUrl } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.localSigner ? { extraKey: { kid: opts.localSigner.kid, key: opts.localSigner.publicKey } } : {}), now: () => opts.clock.now() }) : undefined;
  return {
    calling,
    mount(app) {
      app.post(CALLS_PATH, ...callsRoute({
        ...(auth ? { auth } : {}),
        logger,
        onItems: (items) => {
          const work = calling.handle(items);
          opts.track(work.catch(() => undefined));
          return work;
        },
      }));
    },
  };
}
