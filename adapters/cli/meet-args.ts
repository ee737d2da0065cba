// `meetbot meet` arguments: [--as USER] [--key IDEMPOTENCY_KEY] [--json] "<text>".

/** What `meetbot meet` was asked. */
export interface MeetArgs {
  readonly as?: string;
  readonly key?: string;
  readonly json: boolean;
  readonly text: string;
}

/** Usage text for `meetbot meet`. */
export const MEET_USAGE = `Usage: meetbot meet [--as USER] [--key IDEMPOTENCY_KEY] [--json] "<text>"

Creates the meeting through the configured meeting service and prints its join card.
  --as USER    who types the command: a local name (alice), an e-mail, or an Entra object id (default: the first local person)
  --key KEY    idempotency key: the same key again returns the same meeting (default: a new random key)
  --json       print the join card as JSON
Example: meetbot meet --as alice "/meet now Incident 42 @bob"
`;

/** Parses the arguments, or explains what is wrong in one line. */
export function parseMeetArgs(args: readonly string[]): { ok: true; value: MeetArgs } | { ok: false; error: string } | { ok: 'help' } {
  let as: string | undefined;
  let key: string | undefined;
  let json = false;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--help' || flag === '-h') return { ok: 'help' };
    if (flag === '--json') json = true;
    else if (flag === '--as' || flag === '--key') {
      const value = inline ?? args[++i];
      if (value === undefined || value.trim() === '') return { ok: false, error: `${flag} needs a value` };
      if (flag === '--as') as = value.trim();
      else key = value.trim();
    } else if (flag === '--') {
      words.push(...args.slice(i + 1));
      break;
    } else if (flag.startsWith('--')) return { ok: false, error: `unknown option ${flag}` };
    else words.push(arg);
  }
  const text = words.join(' ').trim();
  if (!text) return { ok: false, error: 'the command text is missing, e.g. "/meet now Standup @bob"' };
  return { ok: true, value: { json, text, ...(as ? { as } : {}), ...(key ? { key } : {}) } };
}
