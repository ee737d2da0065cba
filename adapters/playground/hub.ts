// The playground's chat history, per conversation, kept in the store so it survives a restart, and the live
// subscribers (server-sent events) of each.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** A card as both platforms would show it: the exact Adaptive Card JSON and the exact Slack message. */
export interface RenderedCard {
  readonly meetingId: string;
  readonly teams: Record<string, unknown>;
  readonly slack: { readonly text: string; readonly blocks: readonly Record<string, unknown>[] };
  readonly fallbackText: string;
}

/** A text reply as both platforms would get it: the Teams message text and the Slack message text. */
export interface RenderedText {
  readonly teams: string;
  readonly slack: string;
}

/** Who wrote a message. */
export type Author = { readonly kind: 'user'; readonly id: string; readonly displayName: string } | { readonly kind: 'bot' };

/** A message in a playground conversation. */
export interface PlaygroundMessage {
  readonly id: string;
  readonly conversation: string;
  readonly at: string;
  readonly author: Author;
  readonly text?: string;
  /** Bot text replies: `text` as each platform's adapter sends it. */
  readonly rendered?: RenderedText;
  /** A confirmation's card: the message it is about, and the link's words. */
  readonly about?: { readonly messageId: string; readonly label: string };
  /** Commands offered in one click (a clarification's readings, "Start a meeting now"); the page sends one as typed. */
  readonly suggestions?: readonly { readonly label: string; readonly text: string }[];
  readonly card?: RenderedCard;
  /** Set on error replies: the error code. */
  readonly errorCode?: string;
  /** Ephemeral messages: the only person who sees them. */
  readonly visibleTo?: string;
  /** Bumped on every update, so pages apply updates in order. */
  readonly version: number;
}

/** What a stored message must look like to be shown again (rows are parsed, never trusted). */
export const playgroundMessageSchema = z
  .object({
    id: z.string(),
    conversation: z.string(),
    at: z.string(),
    author: z.union([z.object({ kind: z.literal('user'), id: z.string(), displayName: z.string() }), z.object({ kind: z.literal('bot') })]),
    text: z.string().optional(),
    rendered: z.object({ teams: z.string(), slack: z.string() }).optional(),
    about: z.object({ messageId: z.string(), label: z.string() }).optional(),
    suggestions: z.array(z.object({ label: z.string(), text: z.string() })).optional(),
    card: z
      .object({
        meetingId: z.string(),
        teams: z.record(z.string(), z.unknown()),
        slack: z.object({ text: z.string(), blocks: z.array(z.record(z.string(), z.unknown())) }),
        fallbackText: z.string(),
      })
      .optional(),
    errorCode: z.string().optional(),
    visibleTo: z.string().optional(),
    version: z.number().int(),
  })
  .transform((m) => m as PlaygroundMessage);

/** Where the history is kept (the store; tests may keep none). */
export interface PlaygroundLog {
  /** Every kept message with its posting order, oldest first. */
  load(): Promise<ReadonlyArray<{ readonly seq: number; readonly message: PlaygroundMessage }>>;
  /** Inserts a new message or replaces it (a card update). */
  save(seq: number, message: PlaygroundMessage): Promise<void>;
  /** Drops messages that fell off a conversation's history. */
  forget(ids: readonly string[]): Promise<void>;
}

/** What subscribers hear. */
export type HubEvent = { readonly type: 'message' | 'update'; readonly message: PlaygroundMessage };

type Listener = (event: HubEvent) => void;

const KEEP_PER_CONVERSATION = 200;

/** Conversations with live subscribers, written through to `log` when there is one. */
export class Hub {
  private readonly conversations = new Map<string, PlaygroundMessage[]>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly seqs = new Map<string, number>();
  private next = 1;
  private loaded: Promise<void> = Promise.resolve();
  // What every operation waits for: the history read, or given up on (ready() reports why).
  private settled: Promise<void> = Promise.resolve();

  constructor(
    private readonly now: () => Date,
    private readonly log?: PlaygroundLog,
  ) {
    if (log) {
      this.loaded = this.load(log);
      this.settled = this.loaded.catch(() => undefined);
    }
  }

  /** Resolves once the kept history is in memory (at once without a log); rejects if it could not be read. */
  ready(): Promise<void> {
    return this.loaded;
  }

  private async load(log: PlaygroundLog): Promise<void> {
    const dropped: string[] = [];
    for (const { seq, message } of await log.load()) {
      const list = this.conversations.get(message.conversation) ?? [];
      list.push(message);
      this.conversations.set(message.conversation, list);
      this.seqs.set(message.id, seq);
      this.next = Math.max(this.next, seq + 1);
      if (list.length > KEEP_PER_CONVERSATION) dropped.push(...list.splice(0, list.length - KEEP_PER_CONVERSATION).map((m) => m.id));
    }
    await log.forget(dropped);
  }

  /** Adds a message, keeps it, and tells the conversation's subscribers. */
  async post(message: Omit<PlaygroundMessage, 'id' | 'at' | 'version'>): Promise<PlaygroundMessage> {
    await this.settled;
    const full: PlaygroundMessage = { ...message, id: randomUUID(), at: this.now().toISOString(), version: 1 };
    const seq = this.next++;
    this.seqs.set(full.id, seq);
    const list = this.conversations.get(message.conversation) ?? [];
    list.push(full);
    const dropped = list.length > KEEP_PER_CONVERSATION ? list.splice(0, list.length - KEEP_PER_CONVERSATION).map((m) => m.id) : [];
    this.conversations.set(message.conversation, list);
    await this.log?.save(seq, full);
    if (dropped.length) await this.log?.forget(dropped);
    this.emit({ type: 'message', message: full });
    return full;
  }

  /** Replaces a message's card; undefined when the message is gone (history is bounded). */
  async updateCard(conversation: string, messageId: string, card: RenderedCard): Promise<PlaygroundMessage | undefined> {
    await this.settled;
    const list = this.conversations.get(conversation);
    const index = list?.findIndex((m) => m.id === messageId) ?? -1;
    if (!list || index < 0) return undefined;
    const current = list[index] as PlaygroundMessage;
    const next: PlaygroundMessage = { ...current, card, version: current.version + 1 };
    list[index] = next;
    await this.log?.save(this.seqs.get(messageId) ?? this.next++, next);
    this.emit({ type: 'update', message: next });
    return next;
  }

  /** The conversation's messages that `viewer` may see, oldest first. */
  async history(conversation: string, viewer: string): Promise<PlaygroundMessage[]> {
    await this.settled;
    return (this.conversations.get(conversation) ?? []).filter((m) => visibleTo(m, viewer));
  }

  /** Listens to one conversation; returns the unsubscribe function. */
  subscribe(conversation: string, listener: Listener): () => void {
    const set = this.listeners.get(conversation) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(conversation, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(conversation);
    };
  }

  private emit(event: HubEvent): void {
    for (const listener of this.listeners.get(event.message.conversation) ?? []) listener(event);
  }
}

/** True when `viewer` may see `message`. */
export function visibleTo(message: PlaygroundMessage, viewer: string): boolean {
  return message.visibleTo === undefined || message.visibleTo === viewer;
}
