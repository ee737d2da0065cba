// The Slack adapter: Bolt receives (HTTP on the shared express server, or Socket Mode), handlers translate, the core decides.
import { App, type Receiver } from '@slack/bolt';
import { Router } from 'express';
import { z } from 'zod';
import type { Bot } from '../../src/bot-api';
import { errorMessage } from '../../src/bot-api';
import type { Clock, Logger, Messenger } from '../../src/bot-api';
import type { SlackConfig } from '../config';
import type { NodeHandler } from '../http/answer';
import { keepAlivePool, pooledFetch, type FetchFn } from '../http/transport';
import { slackCall } from './api';
import { ACTION_IDS } from './blocks';
import { boltLogger } from './bolt-logger';
import { slackGate } from './guard';
import { gateReceiver } from './receiver';
import { onButton } from './clicks';
import { onCommand, onMessage } from './commands';
import { isNotRecorded, type Ack, type SlackDeps } from './deps';
import { onShortcut, onSubmission } from './forms';
import { parseBlockAction, parseEvent, parseShortcut, parseSlashCommand, parseViewSubmission } from './input';
import { createSlackMessenger } from './messenger';
import { SHORTCUT_ID, VIEW_IDS } from './modals';
import { createSocketMode, type SocketMode } from './socket';
import { onSuggestion, parseSuggestionClick } from './suggestion-clicks';
import { SUGGESTION_ACTION_IDS } from './suggestions';
import { createUserLookup } from './users';
import { inMemoryWork, type DurableWork } from '../jobs/durable';
import { registerSlackWork } from './jobs';
import { createAfterAck, type Patience } from './work';

export { toSlackMessage } from './blocks';
export { SLACK_METHODS } from './api';

/** The path Slack posts commands, events and interactivity to. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** The slash command meetbot answers. */
export const SLACK_COMMAND = '/meet';

/** What the adapter registered with Bolt, for the manifest test and diagnostics. */
export interface SlackRegistrations {
  readonly commands: string[];
  readonly events: string[];
  readonly actions: string[];
  readonly shortcuts: string[];
  readonly views: string[];
}

/** What createSlackAdapter needs. */
export interface SlackAdapterOptions {
  readonly config: SlackConfig;
  readonly bot: Bot;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** When to say "still working" and when to stop waiting for the core (defaults 3 s and 60 s). */
  readonly patience?: Partial<Patience>;
  /** Web API retries per call (default 2). */
  readonly retries?: number;
  /** The bot's identity, when known, saves the auth.test call at start. */
  readonly identity?: { readonly botId: string; readonly botUserId: string };
  /** Where work after the ack is recorded and run (the server's job queue); default: in memory, at once. */
  readonly work?: DurableWork;
  /** The Web API's transport; default: a keep-alive pool that hands redirects back (the Web API client asks fetch for `redirect: 'error'`). */
  readonly fetch?: FetchFn;
}

/** The workspaces HTTP requests may come from: the allow-list plus the token's own workspace (asked once, auth.test). */
function servedTeams(allowed: readonly string[], installed: () => Promise<unknown>): () => Promise<ReadonlySet<string>> {
  let known: Promise<ReadonlySet<string>> | undefined;
  return () => {
    known ??= installed().then((answer) => {
      const teamId = z.object({ team_id: z.string() }).safeParse(answer).data?.team_id;
      return new Set([...allowed, ...(teamId ? [teamId] : [])]);
    });
    // A failed look-up is asked again on the next request instead of refusing every workspace for good.
    known.catch(() => (known = undefined));
    return known;
  };
}

/** The Slack adapter, ready to mount. */
export interface SlackAdapter {
  /** POST /slack/events; mount it before any body parser (the gate verifies the signature over the raw body). Empty in Socket Mode. */
  readonly router: Router;
  /** The same POST /slack/events handler on node's own request and response, for serving it ahead of express; absent in Socket Mode. */
  readonly webhook?: NodeHandler;
  /** Updates cards this adapter posted. */
  readonly messenger: Messenger;
  readonly registrations: SlackRegistrations;
  /** Connects Socket Mode when `config.appToken` is set; otherwise nothing to do. */
  start(): Promise<void>;
  /** Disconnects Socket Mode and waits for work already acknowledged. */
  stop(): Promise<void>;
  /** Resolves when all acknowledged work has finished (tests, graceful shutdown). */
  idle(): Promise<void>;
}

const contextSchema = z.object({ botUserId: z.string().optional() });

/** A Bolt listener as meetbot's handlers take it: the payload and Bolt's ack, both read by the handler. */
type Listener = (args: { body: unknown; ack: unknown }) => Promise<void>;

/** A pattern matching exactly these ids (Bolt matches a listener's string or RegExp against the id). */
function exactly(ids: Iterable<string>): RegExp {
  return new RegExp(`^(?:${[...ids].map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}

/** The action id of the action Bolt matched, if it has one. */
function actionIdOf(action: unknown): string {
  const id = typeof action === 'object' && action !== null ? (action as { action_id?: unknown }).action_id : undefined;
  return typeof id === 'string' ? id : '';
}

/** Builds the Slack adapter on Bolt. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, logger } = options;
  const clock = options.clock ?? { now: () => new Date() };
  const router = Router();
  const registrations: SlackRegistrations = { commands: [], events: [], actions: [], shortcuts: [], views: [] };
  const blog = boltLogger(logger);
  let receiver: Receiver;
  let socket: SocketMode | undefined;
  let webhook: NodeHandler | undefined;
  if (config.appToken) {
    socket = createSocketMode({ appToken: config.appToken, logger: blog, ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}) });
    receiver = socket.receiver;
  } else {
    const gated = gateReceiver(blog);
    receiver = gated;
    webhook = slackGate({
      signingSecret: config.signingSecret,
      teams: servedTeams(config.allowedTeamIds, () => app.client.auth.test()),
      refusal: errorMessage('en', 'workspace_not_allowed'),
      // Filled in below as listeners are registered, before any request arrives.
      handles: registrations,
      logger,
      // Verified (the timestamp both ways, which Bolt does not check) and parsed once, the payload goes to Bolt.
      dispatch: (req, res, body) => gated.dispatch(req, res, body),
    });
    router.post(SLACK_EVENTS_PATH, webhook);
  }
  const app = new App({
    token: config.botToken,
    receiver,
    logger: blog,
    convoStore: false,
    ignoreSelf: true,
    ...(options.identity ? { botId: options.identity.botId, botUserId: options.identity.botUserId } : {}),
    clientOptions: {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      // The pool bounds each call to 10 s itself: the client's own `timeout` builds an AbortSignal.timeout per call,
      // which costs more than the rest of its request handling (given a transport of one's own, it is left at 0).
      timeout: options.fetch ? 10_000 : 0,
      retryConfig: { retries: options.retries ?? 2 },
      rejectRateLimitedCalls: true,
      logger: blog,
      fetch: options.fetch ?? pooledFetch(keepAlivePool(0, 10_000)),
    },
  });
  const call = slackCall(app.client);
  const work = options.work ?? inMemoryWork(logger);
  const afterAck = createAfterAck(logger);
  const deps: SlackDeps = {
    bot: options.bot,
    call,
    users: createUserLookup({ call, logger }),
    logger,
    clock,
    work,
    afterAck,
    patience: { slowMs: options.patience?.slowMs ?? 3000, deadlineMs: options.patience?.deadlineMs ?? 60_000 },
  };

  /** A listener that acks what it cannot read (so Slack stops retrying) and hands the rest, parsed, to `handle`. */
  const acking =
    <I>(what: string, parse: (body: unknown) => I | undefined, handle: (deps: SlackDeps, input: I, ack: Ack) => Promise<void>): Listener =>
    async ({ body, ack }) => {
      const input = parse(body);
      if (!input) {
        logger.warn({ what }, 'unreadable Slack payload ignored');
        return (ack as Ack)();
      }
      await handle(deps, input, ack as Ack);
    };

  // One Bolt listener per kind of payload, each dispatching by id here: Bolt runs every listener's matchers on every
  // request, and with one listener per id (fifteen) that cost each command more than Bolt's routing of it otherwise.
  registrations.commands.push(SLACK_COMMAND);
  app.command(SLACK_COMMAND, acking('command', parseSlashCommand, onCommand));

  const onEvent = async ({ body, context }: { body: unknown; context: unknown }) => {
    const input = parseEvent(body);
    if (input) await onMessage(deps, input, contextSchema.safeParse(context).data?.botUserId);
  };
  registrations.events.push('app_mention', 'message.im');
  app.event(exactly(['app_mention', 'message']), onEvent);

  const actions = new Map<string, Listener>();
  for (const actionId of [ACTION_IDS.cancel, ACTION_IDS.reschedule, ACTION_IDS.add_me, ACTION_IDS.add_to_calendars, ACTION_IDS.ring]) {
    actions.set(actionId, acking('block_actions', parseBlockAction, onButton));
  }
  for (const actionId of SUGGESTION_ACTION_IDS) actions.set(actionId, acking('suggestion', parseSuggestionClick, onSuggestion));
  // The Join button is a link; Slack still sends its click and expects an ack.
  actions.set(ACTION_IDS.join, async ({ ack }) => (ack as Ack)());
  registrations.actions.push(...actions.keys());
  app.action(exactly(actions.keys()), async (args) => {
    const listener = actions.get(actionIdOf(args.action));
    // The pattern lets only these ids through; anything else would be acknowledged and dropped, not left to time out.
    await (listener ? listener(args) : args.ack());
  });

  registrations.shortcuts.push(SHORTCUT_ID);
  app.shortcut(SHORTCUT_ID, acking('shortcut', parseShortcut, onShortcut));

  registrations.views.push(VIEW_IDS.reschedule, VIEW_IDS.schedule);
  app.view(exactly([VIEW_IDS.reschedule, VIEW_IDS.schedule]), acking('view_submission', parseViewSubmission, onSubmission));

  registerSlackWork(work, deps);

  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'slack handler failed');
    // Rethrown so the receiver answers 500 and Slack delivers the event again (the only failure that wants that).
    if (isNotRecorded(error)) throw error;
  });

  return {
    router,
    ...(webhook ? { webhook } : {}),
    messenger: createSlackMessenger(call, logger),
    registrations,
    async start() {
      await socket?.connect();
    },
    async stop() {
      // Stop taking envelopes; acknowledged work is the job queue's to finish or hand back (the server stops it),
      // or, without a queue, finishes here.
      await socket?.disconnect();
      await afterAck.idle();
      if (!options.work) await work.idle();
    },
    idle: async () => {
      await afterAck.idle();
      await work.idle();
    },
  };
}
