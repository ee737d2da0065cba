// What a signed Slack payload must look like before Bolt routes it. Bolt sorts bodies by which keys are present
// (`event`, then `command`, `name`, `actions`, then `type`) and then dereferences fields without checking them, so a
// signed `"user":null` or `"channel":5` is a 500; each kind is checked here on exactly the fields Bolt reads.
import { z } from 'zod';

const id = z.string().min(1).max(64);
const user = z.object({ id, team_id: z.string().optional() }).loose();
const team = z.object({ id }).loose().nullable().optional();
const record = z.object({}).loose();
const channelRef = z.object({ id: z.string().optional() }).loose().optional();

const eventShape = z
  .object({
    type: z.literal('event_callback'),
    team_id: id,
    authorizations: z.array(z.object({ team_id: z.string().nullable().optional() }).loose()).optional(),
    event: z
      .object({
        type: z.string().min(1),
        user: z.union([z.string(), z.object({ id: z.string() }).loose()]).optional(),
        channel: z.union([z.string(), record]).optional(),
        channel_id: z.string().optional(),
        item: record.optional(),
        subteam: record.optional(),
        assistant_thread: record.optional(),
      })
      .loose(),
  })
  .loose();
const commandShape = z.object({ command: z.string().min(1), team_id: id, user_id: id, channel_id: z.string().optional() }).loose();
const actionShape = z.object({ type: z.literal('block_actions'), team, user, channel: channelRef, actions: z.array(z.object({ action_id: z.string() }).loose()).min(1) }).loose();
const shortcutShape = z.object({ type: z.enum(['shortcut', 'message_action']), team, user, channel: channelRef, callback_id: z.string() }).loose();
const viewShape = z
  .object({
    type: z.enum(['view_submission', 'view_closed']),
    team,
    user,
    view: z.object({ id, callback_id: z.string(), app_installed_team_id: z.string().optional() }).loose(),
    // Bolt reads response_urls[0].response_url whenever the array is there.
    response_urls: z.array(z.object({ response_url: z.string() }).loose()).optional(),
  })
  .loose();

/** A payload Bolt can route, by the kind Bolt will take it for. */
export type BoltPayload =
  | { readonly kind: 'check' }
  | { readonly kind: 'event'; readonly body: z.infer<typeof eventShape> }
  | { readonly kind: 'command'; readonly body: z.infer<typeof commandShape> }
  | { readonly kind: 'action'; readonly body: z.infer<typeof actionShape> }
  | { readonly kind: 'shortcut'; readonly body: z.infer<typeof shortcutShape> }
  | { readonly kind: 'view'; readonly body: z.infer<typeof viewShape> };

/** `body` as Bolt will classify it, checked; undefined when Bolt would fail on it or meetbot serves no such kind. */
export function boltPayload(body: unknown): BoltPayload | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  const checked = <K extends BoltPayload['kind'], S extends z.ZodType>(kind: K, schema: S) => {
    const r = schema.safeParse(body);
    return r.success ? ({ kind, body: r.data } as unknown as BoltPayload) : undefined;
  };
  if (b.event !== undefined) return checked('event', eventShape);
  if (b.command !== undefined) return checked('command', commandShape);
  // Options requests (select menus with external data): meetbot has none.
  if (b.name !== undefined || b.type === 'block_suggestion') return undefined;
  if (b.actions !== undefined || b.type === 'dialog_submission') return checked('action', actionShape);
  if (b.type === 'shortcut' || b.type === 'message_action') return checked('shortcut', shortcutShape);
  if (b.type === 'view_submission' || b.type === 'view_closed') return checked('view', viewShape);
  // Slack checks a slash command's URL with a form POST of `ssl_check=1` (and its verification token), no command.
  if (b.type === 'url_verification' || b.ssl_check === '1') return { kind: 'check' };
  return undefined;
}

/** The workspace Bolt keys its client pool on for `p` ('' when Bolt would find none); undefined for Slack's own checks. */
export function teamOf(p: BoltPayload): string | undefined {
  switch (p.kind) {
    case 'check':
      return undefined;
    case 'event': {
      const first = p.body.authorizations?.[0];
      if (first && first.team_id !== null) return first.team_id ?? '';
      return p.body.team_id;
    }
    case 'command':
      return p.body.team_id;
    case 'view':
      return p.body.view.app_installed_team_id || (p.body.team?.id ?? p.body.user.team_id ?? '');
    default:
      return p.body.team?.id ?? p.body.user.team_id ?? '';
  }
}

/** What listeners the adapter registered. */
export interface Listeners {
  readonly commands: readonly string[];
  readonly events: readonly string[];
  readonly actions: readonly string[];
  readonly shortcuts: readonly string[];
  readonly views: readonly string[];
}

/** True when a listener takes `p` (Bolt holds anything else 3 s, then answers 404). */
export function handled(p: BoltPayload, listeners: Listeners): boolean {
  switch (p.kind) {
    case 'check':
      return true;
    case 'event':
      // Registered as `message.im`; Bolt's listener is on `message`.
      return listeners.events.some((e) => e.split('.')[0] === p.body.event.type);
    case 'command':
      return listeners.commands.includes(p.body.command);
    case 'action':
      return listeners.actions.includes(p.body.actions[0]?.action_id ?? '');
    case 'shortcut':
      return listeners.shortcuts.includes(p.body.callback_id);
    case 'view':
      return listeners.views.includes(p.body.view.callback_id);
  }
}
