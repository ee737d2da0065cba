// `meetbot parse --jsonl`: one request per line on stdin, one result per line on stdout, all in one process, so a
// tool, a test or a translator can check thousands of phrasings in seconds.
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { commandToJson, errorMessage, isValidTimeZone, parseCommand } from '../../src/bot-api';
import type { Locale } from '../../src/types';
import type { CliIo } from './io';

/** The defaults each line may override: from the flags, the environment and the clock at start. */
export interface LineDefaults {
  readonly now: Date;
  readonly timeZone: string;
  readonly locale: Locale;
  readonly defaultMinutes: number;
  readonly endOfDay: { readonly hour: number; readonly minute: number };
}

const Request = z.object({
  text: z.string(),
  now: z.string().optional(),
  tz: z.string().optional(),
  locale: z.enum(['en', 'ru']).optional(),
});

type Outcome = { readonly line: Readonly<Record<string, unknown>>; readonly bad: boolean };

function refused(message: string): Outcome {
  return { line: { ok: false, error: { code: 'bad_request', message } }, bad: true };
}

/** The result object for one input line (`n` counts from 1, for the messages). */
export function answerLine(raw: string, n: number, d: LineDefaults): Outcome {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return refused(`line ${n} is not JSON; write one object per line, e.g. {"text":"/meet tomorrow 10:00"}`);
  }
  const request = Request.safeParse(json);
  if (!request.success) return refused(`line ${n} needs "text" (a string) and may have "now" (ISO), "tz" (IANA) and "locale" (en or ru)`);
  const { text, now: nowText, tz, locale = d.locale } = request.data;
  const now = nowText === undefined ? d.now : new Date(nowText);
  if (Number.isNaN(now.getTime())) return refused(`line ${n}: "now" must be an ISO 8601 date and time, got ${JSON.stringify(nowText)}`);
  if (tz !== undefined && !isValidTimeZone(tz)) return refused(`line ${n}: "tz" must be an IANA time zone, got ${JSON.stringify(tz)}`);
  const result = parseCommand(text, { now, timeZone: tz ?? d.timeZone, locale, defaultDurationMinutes: d.defaultMinutes, endOfDay: d.endOfDay });
  if (result.ok) return { line: { ok: true, command: commandToJson(result.value) }, bad: false };
  const error = { code: result.code, message: errorMessage(locale, result.code, result.params) };
  return { line: { ok: false, error: result.suggestions ? { ...error, suggestions: result.suggestions } : error }, bad: false };
}

/** Reads every line of stdin and answers each; exit 0, or 1 when some line was not a request. */
export async function runLines(io: CliIo, defaults: LineDefaults): Promise<number> {
  if (!io.stdin) return 0;
  let n = 0;
  let bad = false;
  let out = '';
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const raw of lines) {
    n++;
    if (raw.trim() === '') continue;
    const answer = answerLine(raw, n, defaults);
    bad ||= answer.bad;
    out += `${JSON.stringify(answer.line)}\n`;
    // written in batches: one write per line costs more than the parse
    if (out.length > 16_384) {
      io.stdout.write(out);
      out = '';
    }
  }
  if (out !== '') io.stdout.write(out);
  return bad ? 1 : 0;
}
