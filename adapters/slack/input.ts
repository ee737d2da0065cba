// Slack payloads, parsed once at the edge into one tagged union; nothing past this file reads raw Slack JSON.
import { z } from 'zod';
import type { ActionId } from '../../src/types';
import { wellFormedDeep } from '../unicode';
import { ACTION_IDS } from './blocks';

/** Everything the adapter reacts to, typed. */
export type SlackInput =
  | { readonly kind: 'command'; readonly teamId: string; readonly enterpriseId?: string; readonly userId: string; readonly channelId: string; readonly text: string; readonly triggerId: string; readonly responseUrl: string }
  | { readonly kind: 'mention' | 'dm'; readonly teamId: string; readonly eventId: string; readonly userId: string; readonly channelId: string; readonly text: string; readonly ts: string; readonly threadTs?: string }
  | { readonly kind: 'button'; readonly teamId: string; readonly userId: string; readonly action: ActionId; readonly meetingId: string; readonly channelId?: string; readonly messageTs?: string; readonly isEphemeral: boolean; readonly responseUrl?: string; readonly triggerId: string; readonly actionTs: string }
  | { readonly kind: 'shortcut'; readonly teamId: string; readonly userId: string; readonly triggerId: string }
  | { readonly kind: 'submission'; readonly teamId: string; readonly userId: string; readonly callbackId: string; readonly viewId: string; readonly privateMetadata: string; readonly values: ViewValues };

/** The one kind of SlackInput that `K` names. */
export type InputOf<K extends SlackInput['kind']> = Extract<SlackInput, { kind: K }>;

/** A submitted modal's inputs, by block id: the one value each input holds. */
export type ViewValues = Readonly<Record<string, { readonly text?: string; readonly users?: readonly string[] }>>;

const id = z.string().min(1);

const commandSchema = z.object({
  team_id: id,
  enterprise_id: z.string().optional(),
  user_id: id,
  channel_id: id,
  text: z.string().default(''),
  trigger_id: id,
  response_url: z.url(),
});

const messageEvent = z.object({
  type: z.enum(['app_mention', 'message']),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: id,
  channel: id,
  channel_type: z.string().optional(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

const envelopeSchema = z.object({ team_id: id, event_id: id, event: messageEvent });

const teamOf = z.object({ id }).nullable().optional();
const userOf = z.object({ id, team_id: z.string().optional() });

const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  team: teamOf,
  user: userOf,
  trigger_id: id,
  response_url: z.url().optional(),
  container: z.object({ message_ts: z.string().optional(), channel_id: z.string().optional(), is_ephemeral: z.boolean().optional() }).optional(),
  channel: z.object({ id }).optional(),
  message: z.object({ ts: id }).optional(),
  actions: z.array(z.object({ action_id: id, value: z.string().optional(), action_ts: z.string().default('') })).min(1),
});

const shortcutSchema = z.object({ type: z.literal('shortcut'), team: teamOf, user: userOf, trigger_id: id });

const stateValue = z.object({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_date: z.string().nullable().optional(),
  selected_time: z.string().nullable().optional(),
  selected_users: z.array(z.string()).nullable().optional(),
  selected_option: z.object({ value: z.string() }).nullable().optional(),
});

const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  team: teamOf,
  user: userOf,
  view: z.object({
    id,
    callback_id: z.string().default(''),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }),
  }),
});

const teamIdOf = (team: { id: string } | null | undefined, user: { team_id?: string | undefined }): string => team?.id ?? user.team_id ?? '';

/** Parses a slash command body; undefined when it is not one we can serve. */
export function parseSlashCommand(body: unknown): InputOf<'command'> | undefined {
  const r = commandSchema.safeParse(wellFormedDeep(body));
  if (!r.success) return undefined;
  const b = r.data;
  return { kind: 'command', teamId: b.team_id, userId: b.user_id, channelId: b.channel_id, text: b.text, triggerId: b.trigger_id, responseUrl: b.response_url, ...(b.enterprise_id ? { enterpriseId: b.enterprise_id } : {}) };
}

/** Parses an Events API envelope: an app mention or a person's direct message. Bot posts, edits and other subtypes are undefined. */
export function parseEvent(body: unknown): InputOf<'mention' | 'dm'> | undefined {
  const r = envelopeSchema.safeParse(wellFormedDeep(body));
  if (!r.success) return undefined;
  const { event } = r.data;
  if (event.subtype !== undefined || event.bot_id !== undefined || !event.user) return undefined;
  if (event.type === 'message' && event.channel_type !== 'im') return undefined;
  return {
    kind: event.type === 'app_mention' ? 'mention' : 'dm',
    teamId: r.data.team_id,
    eventId: r.data.event_id,
    userId: event.user,
    channelId: event.channel,
    text: event.text ?? '',
    ts: event.ts,
    ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
  };
}

const actionByBlockId = new Map<string, ActionId>([
  [ACTION_IDS.cancel, 'cancel'],
  [ACTION_IDS.reschedule, 'reschedule'],
  [ACTION_IDS.add_me, 'add_me'],
  [ACTION_IDS.add_to_calendars, 'add_to_calendars'],
  [ACTION_IDS.ring, 'ring'],
]);

/** Parses a click on one of the card's buttons; undefined for anything else (the Join link button included). */
export function parseBlockAction(body: unknown): InputOf<'button'> | undefined {
  const r = blockActionsSchema.safeParse(wellFormedDeep(body));
  if (!r.success) return undefined;
  const b = r.data;
  const first = b.actions[0];
  const action = first ? actionByBlockId.get(first.action_id) : undefined;
  if (!first || !action || !first.value) return undefined;
  const channelId = b.container?.channel_id ?? b.channel?.id;
  const messageTs = b.container?.message_ts ?? b.message?.ts;
  return {
    kind: 'button',
    teamId: teamIdOf(b.team, b.user),
    userId: b.user.id,
    action,
    meetingId: first.value,
    isEphemeral: b.container?.is_ephemeral === true,
    triggerId: b.trigger_id,
    actionTs: first.action_ts,
    ...(channelId ? { channelId } : {}),
    ...(messageTs ? { messageTs } : {}),
    ...(b.response_url ? { responseUrl: b.response_url } : {}),
  };
}

/** Parses a global shortcut. */
export function parseShortcut(body: unknown): InputOf<'shortcut'> | undefined {
  const r = shortcutSchema.safeParse(wellFormedDeep(body));
  if (!r.success) return undefined;
  return { kind: 'shortcut', teamId: teamIdOf(r.data.team, r.data.user), userId: r.data.user.id, triggerId: r.data.trigger_id };
}

/** Parses a modal submission into its values by block id. */
export function parseViewSubmission(body: unknown): InputOf<'submission'> | undefined {
  const r = viewSubmissionSchema.safeParse(wellFormedDeep(body));
  if (!r.success) return undefined;
  const values: Record<string, { text?: string; users?: readonly string[] }> = {};
  for (const [blockId, inputs] of Object.entries(r.data.view.state.values)) {
    const input = Object.values(inputs)[0];
    if (!input) continue;
    const text = input.selected_date ?? input.selected_time ?? input.selected_option?.value ?? input.value ?? undefined;
    values[blockId] = { ...(text != null ? { text } : {}), ...(input.selected_users ? { users: input.selected_users } : {}) };
  }
  const { view } = r.data;
  return { kind: 'submission', teamId: teamIdOf(r.data.team, r.data.user), userId: r.data.user.id, callbackId: view.callback_id, viewId: view.id, privateMetadata: view.private_metadata, values };
}
