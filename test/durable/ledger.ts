// Counts what became of each command, by its identity: a Slack command by its trigger_id (cards carry it in their
// metadata, explanations go to its own response_url), a Teams mention by its activity id (its replies go to its own
// reply chain). "Acknowledged" means the platform got a 2xx.
import { slackReplyText } from '../../adapters/slack/mrkdwn';
import { t } from '../../src/i18n';
import type { FakeSlack } from '../slack/fake-slack';
import type { FakeConnector } from '../teams/helpers/connector';

/** One command the test sent. */
export interface Sent {
  readonly platform: 'slack' | 'teams';
  /** trigger_id / event_id (Slack), activity id (Teams). */
  readonly id: string;
  /** Slack: the response_url's path on the fake (a command) or its channel (a mention); Teams: its reply chain. */
  readonly where: string;
  /** Slack: the command's own channel (a retry asks its history) and invoker (whose users.info tells who took the first try). */
  readonly channel?: string;
  readonly userId?: string;
  acknowledged: boolean;
  /** Slack: the text the acknowledgement itself carried (an explanation that the command could not be taken). */
  ackText?: string;
  sentAt: number;
}

/** What became of all of them. */
export interface Counts {
  readonly sent: number;
  readonly acknowledged: number;
  readonly cards: number;
  readonly explanations: number;
  /** Commands answered more than once. */
  readonly duplicates: number;
  /** Acknowledged commands never answered. */
  readonly lost: number;
  /** Slack commands answered by a retry (a retry looks for its earlier post first). */
  readonly recovered: number;
}

const WORKING = new Set(['en', 'ru'].map((l) => slackReplyText(t(l as 'en' | 'ru', 'reply.working'))));

/** A card or an explanation, attributed to one command. */
interface Answer {
  readonly kind: 'card' | 'explanation';
}

function isCard(activity: Record<string, unknown>): boolean {
  const attachments = Array.isArray(activity.attachments) ? (activity.attachments as Array<{ contentType?: unknown }>) : [];
  return attachments.some((a) => typeof a.contentType === 'string' && a.contentType.includes('adaptive'));
}

/** The ledger of one run. */
export class Ledger {
  readonly sent: Sent[] = [];

  constructor(
    private readonly slack: FakeSlack,
    private readonly connector: FakeConnector,
  ) {}

  add(sent: Sent): Sent {
    this.sent.push(sent);
    return sent;
  }

  /** Each command's answers, by identity. */
  answers(): Map<string, Answer[]> {
    const out = new Map<string, Answer[]>(this.sent.map((s) => [s.id, []]));
    for (const messages of this.slack.posted.values()) {
      for (const m of messages) {
        const payload = (m.metadata as { event_payload?: { delivery?: unknown } } | undefined)?.event_payload;
        if (typeof payload?.delivery === 'string') out.get(payload.delivery)?.push({ kind: 'card' });
      }
    }
    for (const s of this.sent) if (s.ackText) out.get(s.id)?.push({ kind: 'explanation' });
    const byWhere = new Map(this.sent.map((s) => [s.where, s.id]));
    for (const hook of this.slack.hooks) {
      const id = byWhere.get(hook.path);
      if (id && !WORKING.has(String(hook.body.text))) out.get(id)?.push({ kind: 'explanation' });
    }
    // A refusal of an app mention is ephemeral, in the mention's own channel.
    for (const call of this.slack.of('chat.postEphemeral')) {
      const id = byWhere.get(String(call.args.channel));
      if (id && !WORKING.has(String(call.args.text))) out.get(id)?.push({ kind: 'explanation' });
    }
    for (const call of this.connector.calls) {
      const id = byWhere.get(call.conversationId);
      if (!id || call.method !== 'POST' || call.activity.type !== 'message') continue;
      out.get(id)?.push({ kind: isCard(call.activity) ? 'card' : 'explanation' });
    }
    return out;
  }

  /** True once every acknowledged command has an answer. */
  settled(): boolean {
    const answers = this.answers();
    return this.sent.every((s) => !s.acknowledged || (answers.get(s.id)?.length ?? 0) > 0);
  }

  /** Slack commands whose job was retried: a retry asks conversations.history (each command has its own channel). */
  retried(): Set<string> {
    const channels = new Set(this.slack.of('conversations.history').map((c) => String(c.args.channel)));
    return new Set(this.sent.filter((s) => s.platform === 'slack' && channels.has(s.channel ?? '')).map((s) => s.id));
  }

  counts(): Counts {
    const answers = this.answers();
    let cards = 0;
    let explanations = 0;
    let duplicates = 0;
    let lost = 0;
    for (const s of this.sent) {
      const a = answers.get(s.id) ?? [];
      cards += a.filter((x) => x.kind === 'card').length;
      explanations += a.filter((x) => x.kind === 'explanation').length;
      if (a.length > 1) duplicates++;
      if (s.acknowledged && a.length === 0) lost++;
    }
    return { sent: this.sent.length, acknowledged: this.sent.filter((s) => s.acknowledged).length, cards, explanations, duplicates, lost, recovered: this.retried().size };
  }

  /** The commands answered more than once, or not at all, for a failing test's message. */
  faults(): string {
    const answers = this.answers();
    return this.sent
      .filter((s) => (answers.get(s.id)?.length ?? 0) > 1 || (s.acknowledged && (answers.get(s.id)?.length ?? 0) === 0))
      .slice(0, 10)
      .map((s) => `${s.platform} ${s.id}: ${(answers.get(s.id) ?? []).map((a) => a.kind).join(', ') || 'nothing'}`)
      .join('\n');
  }
}
