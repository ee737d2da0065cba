// A logger that keeps what it was told, so tests can check that a bug was logged exactly once.
import type { Logger } from '../../src/meetings/ports';

/** A log level of the Logger port. */
export type Level = 'debug' | 'info' | 'warn' | 'error';

/** One recorded log call. */
export interface LogEntry {
  readonly level: Level;
  readonly obj: Record<string, unknown>;
  readonly msg?: string;
}

/** A Logger that records every call. */
export class FakeLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(obj: object, msg?: string): void {
    this.entries.push({ level: 'debug', obj: { ...obj }, msg });
  }
  info(obj: object, msg?: string): void {
    this.entries.push({ level: 'info', obj: { ...obj }, msg });
  }
  warn(obj: object, msg?: string): void {
    this.entries.push({ level: 'warn', obj: { ...obj }, msg });
  }
  error(obj: object, msg?: string): void {
    this.entries.push({ level: 'error', obj: { ...obj }, msg });
  }

  /** The entries at `level`. */
  at(level: Level): LogEntry[] {
    return this.entries.filter((entry) => entry.level === level);
  }
}
