// The playground: a local web chat where anyone from the local directory types commands to meetbot and sees the
// reply as Teams (Adaptive Card) and as Slack (Block Kit) side by side; cards update live.
import { randomUUID } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Bot } from '../../src/bot-api';
import { isValidTimeZone } from '../../src/bot-api';
import type { Clock, Logger, Messenger } from '../../src/bot-api';
import type { LocalUser } from '../graph/local/directory';
import { readClick, clickSchema } from './actions';
import { EventStreams } from './events';
import { Hub, visibleTo, type PlaygroundLog, type PlaygroundMessage } from './hub';
import { readMessage } from './message';
import { playgroundMessenger, playgroundOutbox, type RenderCard } from './outbox';
import { conversationRef, conversationsOf, directConversationId, peopleFrom, userRefOf, type PlaygroundPerson } from './people';
import { requireContentType } from '../server/http-errors';
import { staticRoutes } from './static';
import { mountRescheduleForm } from './forms';

/** The largest body the playground's API takes. */
export const PLAYGROUND_BODY_LIMIT = '64kb';

/** What the playground needs. */
export interface PlaygroundOptions {
  readonly bot: Bot;
  /** The local directory: who one can be. */
  readonly users: readonly LocalUser[];
  readonly render: RenderCard;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where conversations are kept across restarts (the store); without it they live in memory. */
  readonly log?: PlaygroundLog;
}

/** The mounted playground: its routes, the Messenger for platform `local`, and `close` to end live streams. */
export interface Playground {
  readonly router: Router;
  readonly messenger: Messenger;
  close(): void;
}

const zone = z.string().max(64).refine((name) => isValidTimeZone(name));
const messageBody = z.object({ as: z.string(), conversation: z.string(), text: z.string().max(4000), timeZone: zone.optional() });
const actionBody = z.object({ as: z.string(), conversation: z.string(), messageId: z.string(), click: clickSchema, timeZone: zone.optional() });

// The person's own zone from the directory wins; the browser's zone covers people the directory gives none.
const zoneOf = (person: PlaygroundPerson, browserZone: string | undefined): string | undefined => person.timeZone ?? browserZone;

/** Runs `work`; also returns the messages posted to `conversation` meanwhile that `viewer` may see (the HTTP answer). */
async function postedDuring<T>(hub: Hub, conversation: string, viewer: string, work: () => Promise<T>): Promise<{ result: T; messages: PlaygroundMessage[] }> {
  const posted: PlaygroundMessage[] = [];
  const unsubscribe = hub.subscribe(conversation, (e) => e.type === 'message' && posted.push(e.message));
  try {
    const result = await work();
    return { result, messages: posted.filter((m) => visibleTo(m, viewer)) };
  } finally {
    unsubscribe();
  }
}

/** Builds the playground. */
export function createPlayground(options: PlaygroundOptions): Playground {
  const people = peopleFrom(options.users);
  const hub = new Hub(() => options.clock.now(), options.log);
  hub.ready().catch((err: unknown) => options.logger.error({ err }, 'could not read the playground history; starting empty'));
  const streams = new EventStreams();
  const router = Router();

  const who = (id: unknown): PlaygroundPerson | undefined => people.find((p) => p.id === id);
  const mayUse = (person: PlaygroundPerson, conversation: unknown): conversation is string =>
    conversationsOf(person).some((c) => c.id === conversation);
  const badRequest = (res: Response, message: string): void => {
    res.status(400).json({ error: message });
  };
  // Every request says who is typing and where; both must be real.
  const identify = (res: Response, as: unknown, conversation: unknown): { person: PlaygroundPerson; conversation: string } | undefined => {
    const person = who(as);
    if (!person) return void badRequest(res, `Nobody called "${String(as)}" is in the local directory.`);
    if (!mayUse(person, conversation)) return void badRequest(res, `${person.displayName} cannot post in "${String(conversation)}".`);
    return { person, conversation };
  };

  router.use(staticRoutes());
  router.use('/playground/api', requireContentType('application/json'), express.json({ limit: PLAYGROUND_BODY_LIMIT }));

  router.get('/playground/api/people', (_req, res) => {
    const reader = (p: PlaygroundPerson): { locale: string; timeZone: string } => {
      const { locale, timeZone } = options.bot.readerOf(userRefOf(p), 'local', { ...(p.locale ? { locale: p.locale } : {}), ...(p.timeZone ? { timeZone: p.timeZone } : {}) });
      return { locale, timeZone };
    };
    res.json({ people: people.map((p) => ({ ...p, reader: reader(p), conversations: conversationsOf(p) })) });
  });

  mountRescheduleForm(router, options.bot, identify);

  router.get('/playground/api/messages', async (req, res) => {
    const id = identify(res, req.query.as, req.query.conversation);
    if (id) res.json({ messages: await hub.history(id.conversation, id.person.id) });
  });

  router.get('/playground/api/events', (req: Request, res: Response) => {
    const id = identify(res, req.query.as, req.query.conversation);
    if (id) streams.serve(hub, id.conversation, id.person.id, req, res);
  });

  router.post('/playground/api/messages', async (req, res) => {
    const body = messageBody.safeParse(req.body);
    if (!body.success) return badRequest(res, 'Send JSON: { "as": "alice", "conversation": "general", "text": "/meet now" }.');
    const id = identify(res, body.data.as, body.data.conversation);
    if (!id) return;
    const { person, conversation } = id;
    if (!body.data.text.trim()) return badRequest(res, 'Type a message first.');
    const { messages } = await postedDuring(hub, conversation, person.id, async () => {
      const said = await hub.post({ conversation, author: { kind: 'user', id: person.id, displayName: person.displayName }, text: body.data.text });
      const read = readMessage(body.data.text, people, conversation === directConversationId(person.id));
      const timeZone = zoneOf(person, body.data.timeZone);
      if (read.addressed) {
        await options.bot.handleInvocation(
          {
            text: read.text,
            mentions: read.mentions,
            invoker: userRefOf(person),
            conversation: conversationRef(conversation),
            ...(person.locale ? { locale: person.locale } : {}),
            ...(timeZone ? { timeZone } : {}),
            receivedAt: options.clock.now(),
            idempotencyKey: `playground:${said.id}`,
            trigger: read.trigger,
          },
          playgroundOutbox(hub, conversation, person, options.render),
        );
      }
    });
    res.json({ messages });
  });

  router.post('/playground/api/actions', async (req, res) => {
    const body = actionBody.safeParse(req.body);
    if (!body.success) return badRequest(res, 'Send JSON: { "as", "conversation", "messageId", "click" }.');
    const id = identify(res, body.data.as, body.data.conversation);
    if (!id) return;
    const { person, conversation } = id;
    const click = readClick(body.data.click);
    if (!click) return void res.json({ messages: [] });
    const { result: updated, messages } = await postedDuring(hub, conversation, person.id, async () => {
      const timeZone = zoneOf(person, body.data.timeZone);
      const outcome = await options.bot.handleAction(
        {
          action: click.action,
          meetingId: click.meetingId,
          actor: userRefOf(person),
          conversation: conversationRef(conversation),
          source: { conversation: conversationRef(conversation), messageId: body.data.messageId },
          ...(person.locale ? { locale: person.locale } : {}),
          receivedAt: options.clock.now(),
          idempotencyKey: `playground:${randomUUID()}`,
          ...(click.values ? { values: click.values } : {}),
          ...(timeZone ? { timeZone } : {}),
        },
        playgroundOutbox(hub, conversation, person, options.render),
      );
      return outcome.updated ? await hub.updateCard(conversation, body.data.messageId, options.render(outcome.updated)) : undefined;
    });
    res.json({ messages, ...(updated ? { updated } : {}) });
  });

  return { router, messenger: playgroundMessenger(hub, options.render), close: () => streams.closeAll() };
}
