// The command as the `meetbot parse --json` contract prints it.
import type { Command } from './types';

/** The JSON form of a command: meet (ISO-UTC times, attendee names without `@` or e-mails), help, list, cancel. */
export type CommandJson =
  | {
      readonly kind: 'meet';
      readonly instant: boolean;
      readonly start: string;
      readonly end: string;
      readonly subject: string | null;
      readonly attendees: readonly string[];
    }
  | { readonly kind: 'help' }
  | { readonly kind: 'list'; readonly page?: number }
  | { readonly kind: 'cancel'; readonly meeting: string };

/** A command in the JSON shape of the CLI contract, keys in contract order. */
export function commandToJson(cmd: Command): CommandJson {
  switch (cmd.kind) {
    case 'meet':
      return {
        kind: 'meet',
        instant: cmd.instant,
        start: cmd.start.toISOString(),
        end: cmd.end.toISOString(),
        subject: cmd.subject,
        attendees: cmd.attendees.map((a) => (a.kind === 'email' ? a.email : a.name)),
      };
    case 'cancel':
      return { kind: 'cancel', meeting: cmd.meeting };
    case 'list':
      return cmd.page ? { kind: 'list', page: cmd.page } : { kind: 'list' };
    default:
      return { kind: cmd.kind };
  }
}
