// What the command language understands: the parser's output.

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
}
