// A click on an offered command: it runs the command as if the clicker typed it, through the core, once per click.
import { z } from 'zod';
import { wellFormedDeep } from '../unicode';
import type { TextTrigger } from './commands';
import { acceptOrExplain, type Ack, type SlackDeps } from './deps';
import { SLACK_WORK } from './jobs';
import { SUGGESTION_ACTION_IDS } from './suggestions';

/** A click on an offered command. */
export interface SuggestionClick {
  readonly teamId: string;
  readonly userId: string;
  readonly channelId: string;
  readonly text: string;
  readonly triggerId: string;
  readonly responseUrl?: string;
}

const clickSchema = z.object({
  type: z.literal('block_actions'),
  team: z.object({ id: z.string().min(1) }).nullable().optional(),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  trigger_id: z.string().min(1),
  response_url: z.url().optional(),
  container: z.object({ channel_id: z.string().optional() }).optional(),
  channel: z.object({ id: z.string().min(1) }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().min(1) })).min(1),
});

/** Parses a block_actions payload for an offered command; undefined for anything else. */
export function parseSuggestionClick(body: unknown): SuggestionClick | undefined {
  const r = clickSchema.safeParse(wellFormedDeep(body));
  if (!r.success) return undefined;
  const b = r.data;
  const first = b.actions[0];
  const channelId = b.container?.channel_id ?? b.channel?.id;
  if (!first || !channelId || !(SUGGESTION_ACTION_IDS as readonly string[]).includes(first.action_id)) return undefined;
  return {
    teamId: b.team?.id ?? b.user.team_id ?? '',
    userId: b.user.id,
    channelId,
    text: first.value,
    triggerId: b.trigger_id,
    ...(b.response_url ? { responseUrl: b.response_url } : {}),
  };
}

/** Acks, then runs the offered command as the clicker's own; the click's trigger_id keeps a retried click single. */
export async function onSuggestion(deps: SlackDeps, click: SuggestionClick, ack: Ack): Promise<void> {
  const trigger: TextTrigger = {
    teamId: click.teamId,
    userId: click.userId,
    channelId: click.channelId,
    text: click.text,
    idempotencyKey: click.triggerId,
    isDirect: click.channelId.startsWith('D'),
    trigger: 'command',
    ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
  };
  await acceptOrExplain(deps, click, ack, { kind: SLACK_WORK.text, idempotencyKey: click.triggerId, payload: { ...trigger } });
}
