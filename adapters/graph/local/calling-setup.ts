// The local Calls API assembled: the legs, their HTTP route, the join page's incoming calls, and callback delivery.
import type { Router } from 'express';
import { CallLegs, type LocalApp, type RosterSource } from './call-legs';
import { callsRoute } from './calls-api';
import type { LocalContext } from './context';
import type { ExtraRoute } from './dispatch';
import type { NotifierLog } from './notifier';
import type { LocalMeeting } from './repo';
import { createRingRouter, ringSection } from './ring-page';

/** How the local service plays the Calls API. */
export interface LocalCallingOptions {
  /** How long a ring rings before it counts as not answered (default 60 s, as Teams rings). */
  readonly ringTimeoutMs?: number;
  /** The app that joins calls, as rosters show it. */
  readonly app?: LocalApp;
  /** A bearer token for each callback (Microsoft's calling service signs its own); none by default. */
  readonly callbackToken?: () => Promise<string | undefined>;
}

/** The pieces graph.ts mounts. */
export interface LocalCalling {
  readonly legs: CallLegs;
  readonly route: ExtraRoute;
  readonly router: Router;
  /** The join page's HTML about app legs and incoming rings. */
  readonly section: (m: LocalMeeting, action: string, csrfField: string) => string;
}

/** The default app identity: the bot as the playground names it. */
export const LOCAL_APP: LocalApp = { id: '3f6a7c1e-8d52-4b7a-9c3e-1a2b3c4d5e6f', displayName: 'meetbot' };

/** Builds the local Calls API; callbacks go only where `allows` lets notifications go. */
export function createLocalCalling(ctx: LocalContext, hub: RosterSource, fetchFn: typeof fetch, allows: (url: URL) => boolean, log: NotifierLog, opts: LocalCallingOptions = {}): LocalCalling {
  const post = async (url: string, body: unknown): Promise<void> => {
    if (!allows(new URL(url))) {
      log.warn({ url }, 'callbackUri is not on an origin this service delivers to; notification dropped');
      return;
    }
    try {
      const token = await opts.callbackToken?.();
      const res = await fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      if (res.status >= 300) log.warn({ status: res.status }, 'callback endpoint refused a calling notification');
    } catch (err) {
      log.warn({ err }, 'could not deliver a calling notification');
    }
  };
  const legs = new CallLegs({ ctx, hub, post, ringTimeoutMs: opts.ringTimeoutMs ?? 60_000 });
  return {
    legs,
    route: callsRoute(ctx, legs, opts.app ?? LOCAL_APP, allows),
    router: createRingRouter(ctx, legs),
    section: (m, action, csrfField) => ringSection(legs, m, action, csrfField),
  };
}
