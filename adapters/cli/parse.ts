// `meetbot parse`: prints what the core understood, without side effects.
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { commandToJson, parseCommand, type Command } from '../../src/bot-api';
import { errorMessage, isValidTimeZone, t } from '../../src/bot-api';
import type { Locale } from '../../src/types';
import { loadCoreSettings } from '../config';
import { processIo, type CliIo } from './io';
import { runLines, type LineDefaults } from './parse-lines';

const usage =
  'Usage: meetbot parse [--now ISO] [--tz IANA] [--locale en|ru] [--json] "<text>"\n' +
  '       meetbot parse --jsonl [--now ISO] [--tz IANA] [--locale en|ru] < lines  (each line {"text","now"?,"tz"?,"locale"?})\n';

/** Options after checking; `error` is a message for a bad flag (exit code 2). */
type Options =
  | { readonly now: Date; readonly timeZone: string; readonly locale: Locale; readonly json: boolean; readonly jsonl: boolean; readonly text: string; readonly defaultMinutes: number; readonly endOfDay: LineDefaults['endOfDay'] }
  | { readonly error: string }
  | { readonly help: true };

function readOptions(args: readonly string[], env: CliIo['env']): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { now: { type: 'string' }, tz: { type: 'string' }, locale: { type: 'string' }, json: { type: 'boolean' }, jsonl: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) return { error: `--now "${values.now}" is not a date and time; use ISO 8601, e.g. 2026-11-27T16:00:00Z` };
  if (values.tz !== undefined && !isValidTimeZone(values.tz)) {
    return { error: `--tz "${values.tz}" is not an IANA time zone; use a name like Europe/Berlin or America/New_York` };
  }
  const locale = values.locale ?? 'en';
  if (locale !== 'en' && locale !== 'ru') return { error: `--locale "${locale}" is not supported; use en or ru` };
  // The same settings, checked by the same rules, as the server's; --tz wins over MEETBOT_TIME_ZONE.
  const core = loadCoreSettings(values.tz === undefined ? env : { ...env, MEETBOT_TIME_ZONE: values.tz });
  if (!core.ok) return { error: core.errors.join('; ') };
  const { defaultTimeZone: timeZone, defaultDurationMinutes: defaultMinutes, endOfDay } = core.settings;
  if (values.jsonl && positionals.length > 0) return { error: '--jsonl reads the texts from stdin, one JSON object per line; give no text after it' };
  return { now, timeZone, locale, json: values.json ?? false, jsonl: values.jsonl ?? false, text: positionals.join(' '), defaultMinutes, endOfDay };
}

function when(cmd: Extract<Command, { kind: 'meet' }>, zone: string, locale: Locale): string {
  const start = DateTime.fromJSDate(cmd.start, { zone }).setLocale(locale);
  const end = DateTime.fromJSDate(cmd.end, { zone }).setLocale(locale);
  const endText = end.hasSame(start, 'day') ? end.toFormat('HH:mm') : end.toFormat('ccc d LLL yyyy, HH:mm');
  return `${start.toFormat('ccc d LLL yyyy, HH:mm')}–${endText} (${zone})`;
}

/** A readable summary of a command in the reader's language. */
function describe(cmd: Command, zone: string, locale: Locale): string {
  switch (cmd.kind) {
    case 'help':
      return t(locale, 'help.text');
    case 'list':
      return t(locale, 'parse.list');
    case 'cancel':
      return t(locale, 'parse.cancel', { id: cmd.meeting });
    case 'meet': {
      const names = cmd.attendees.map((a) => (a.kind === 'email' ? a.email : `@${a.name}`));
      return [
        t(locale, cmd.instant ? 'card.title.instant' : 'card.title.scheduled'),
        `${t(locale, 'card.when')}: ${when(cmd, zone, locale)}`,
        `${t(locale, 'parse.subject')}: ${cmd.subject ?? t(locale, 'reply.untitled')}`,
        `${t(locale, 'card.attendees')}: ${names.length ? names.join(', ') : t(locale, 'card.noAttendees')}`,
      ].join('\n');
    }
  }
}

/** `meetbot parse …` straight from the bin, without loading the other subcommands; sets the exit code. */
export function startParse(): void {
  runParse(process.argv.slice(3), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`meetbot parse: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** `meetbot parse`: exit 0 when understood, 1 for a parse error, 2 for bad flags. */
export async function runParse(args: readonly string[], io: CliIo): Promise<number> {
  const opts = readOptions(args, io.env);
  if ('help' in opts) {
    io.stdout.write(usage);
    return 0;
  }
  if ('error' in opts) {
    io.stderr.write(`meetbot parse: ${opts.error}\n${usage}`);
    return 2;
  }
  if (opts.jsonl) return runLines(io, opts);
  const result = parseCommand(opts.text, { now: opts.now, timeZone: opts.timeZone, locale: opts.locale, defaultDurationMinutes: opts.defaultMinutes, endOfDay: opts.endOfDay });
  if (opts.json) {
    const line = result.ok
      ? { ok: true, command: commandToJson(result.value) }
      : { ok: false, error: { code: result.code, message: errorMessage(opts.locale, result.code, result.params) } };
    io.stdout.write(`${JSON.stringify(line)}\n`);
  } else if (result.ok) {
    io.stdout.write(`${describe(result.value, opts.timeZone, opts.locale)}\n`);
  } else {
    io.stderr.write(`${errorMessage(opts.locale, result.code, result.params)}\n`);
  }
  return result.ok ? 0 : 1;
}
