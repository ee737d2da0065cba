// What the command language understands: the parser's output.
import type { ErrorCode, ErrorParams } from '../errors';

/** An attendee as typed: a mention token or an e-mail address. */
export type AttendeeRef =
  | { readonly kind: 'mention'; readonly token: string; readonly name: string }
  | { readonly kind: 'email'; readonly email: string };

/** A parsed command. */
export type Command =
  | {
      readonly kind: 'meet';
      readonly instant: boolean;
      readonly start: Date;
      readonly end: Date;
      readonly subject: string | null;
      readonly attendees: readonly AttendeeRef[];
      /** `invite` / `пригласить`: send it as a calendar invitation. */
      readonly invite?: boolean;
      /** `ring` / `позвонить`: ring the attendees into the call; `watch` / `следить`: follow the call from inside it. */
      readonly call?: 'ring' | 'watch';
      /** The time was said as an approximation ("3ish"); the card says so. */
      readonly approximate?: boolean;
    }
  | { readonly kind: 'help' }
  | { readonly kind: 'list'; readonly page?: number }
  | { readonly kind: 'cancel'; readonly meeting: string };

/** What the parser needs besides the text. */
export interface ParseContext {
  /** The reader's "now". */
  readonly now: Date;
  /** IANA zone the reader's times are in. */
  readonly timeZone: string;
  readonly locale: 'en' | 'ru';
  /** Meeting length when the text gives none, in minutes. */
  readonly defaultDurationMinutes: number;
  /** Mentions the platform reported: literal token and name; `@word` at a word start is always a mention too. */
  readonly mentions?: readonly { readonly token: string; readonly name: string }[];
  /** What "EOD" means, local time (MEETBOT_END_OF_DAY); 17:00 when not given. */
  readonly endOfDay?: { readonly hour: number; readonly minute: number };
}

/** A parsed command, or a coded error; an unclear phrase (`unclear_phrase`) also offers commands that would work. */
export type ParseResult =
  | { readonly ok: true; readonly value: Command }
  | { readonly ok: false; readonly code: ErrorCode; readonly params: ErrorParams; readonly suggestions?: readonly string[] };
