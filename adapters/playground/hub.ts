// The playground's chat history, per conversation, and the live subscribers (server-sent events) of each.
import { randomUUID } from 'node:crypto';

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
  readonly card?: RenderedCard;
  /** Set on error replies: the error code. */
  readonly errorCode?: string;
  /** Ephemeral messages: the only person who sees them. */
  readonly visibleTo?: string;
  /** Bumped on every update, so pages apply updates in order. */
  readonly version: number;
}

/** What subscribers hear. */
export type HubEvent = { readonly type: 'message' | 'update'; readonly message: PlaygroundMessage };

type Listener = (event: HubEvent) => void;

const KEEP_PER_CONVERSATION = 200;

/** In-memory conversations with live subscribers. */
export class Hub {
  private readonly conversations = new Map<string, PlaygroundMessage[]>();
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly now: () => Date) {}

  /** Adds a message and tells the conversation's subscribers. */
  post(message: Omit<PlaygroundMessage, 'id' | 'at' | 'version'>): PlaygroundMessage {
    const full: PlaygroundMessage = { ...message, id: randomUUID(), at: this.now().toISOString(), version: 1 };
    const list = this.conversations.get(message.conversation) ?? [];
    list.push(full);
    if (list.length > KEEP_PER_CONVERSATION) list.splice(0, list.length - KEEP_PER_CONVERSATION);
    this.conversations.set(message.conversation, list);
    this.emit({ type: 'message', message: full });
    return full;
  }

  /** Replaces a message's card; undefined when the message is gone (history is bounded). */
  updateCard(conversation: string, messageId: string, card: RenderedCard): PlaygroundMessage | undefined {
    const list = this.conversations.get(conversation);
    const index = list?.findIndex((m) => m.id === messageId) ?? -1;
    if (!list || index < 0) return undefined;
    const current = list[index] as PlaygroundMessage;
    const next: PlaygroundMessage = { ...current, card, version: current.version + 1 };
    list[index] = next;
    this.emit({ type: 'update', message: next });
    return next;
  }

  /** The conversation's messages that `viewer` may see, oldest first. */
  history(conversation: string, viewer: string): PlaygroundMessage[] {
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
