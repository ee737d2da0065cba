// A clock tests set and move by hand.
import type { Clock } from '../../src/meetings/ports';

/** A Clock that stands still until told otherwise. */
export class FakeClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2025-03-05T12:00:00Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Jumps to `at`. */
  set(at: Date | string): void {
    this.current = new Date(at);
  }

  /** Moves on by `minutes`. */
  advance(minutes: number): Date {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
    return this.now();
  }
}
