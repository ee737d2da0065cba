// Counting the store's statements (MEETBOT_COUNT_WORK): each one's kind, and the bytes an insert or update carries.
import type { LogEvent } from 'kysely';
import type { ConnectOptions } from './connect';

const KINDS = new Set(['select', 'insert', 'update', 'delete', 'begin', 'commit', 'rollback', 'savepoint', 'release']);
const WRITES = new Set(['insert', 'update']);

// The store runs a few dozen distinct statement texts: each one's kind is read once.
const kinds = new Map<string, string>();
const MAX_KINDS = 1000;

/** The statement's kind, from its first word (after a leading WITH): select, insert, update, delete, begin, … */
function kindOf(sql: string): string {
  let kind = kinds.get(sql);
  if (kind === undefined) {
    const word = /^\s*(?:with\b[\s\S]*?\)\s*)?([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? 'other';
    kind = KINDS.has(word) ? word : 'other';
    if (kinds.size < MAX_KINDS) kinds.set(sql, kind);
  }
  return kind;
}

/** Bytes a parameter puts on disk, roughly: text as UTF-8, blobs as they are, numbers and dates as 8. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'number' || typeof value === 'bigint' || value instanceof Date) return 8;
  if (typeof value === 'boolean') return 1;
  return 0;
}

/** Store options telling `count` about every statement run: its kind, and the bytes it writes (0 for reads). */
export function queryCounting(count: (kind: string, bytesWritten: number) => void): Pick<ConnectOptions, 'onQuery'> {
  return {
    onQuery(event: LogEvent) {
      const kind = kindOf(event.query.sql);
      count(kind, WRITES.has(kind) ? event.query.parameters.reduce<number>((sum, p) => sum + sizeOf(p), 0) : 0);
    },
  };
}
