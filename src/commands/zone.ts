// Zone arithmetic on plain numbers: luxon's IANAZone supplies the offsets (cached), the rest is calendar math.
// luxon's DateTime does the same job but costs ~60 µs per parse; this keeps a parse in the low microseconds.
import { IANAZone } from 'luxon';

/** A calendar date. */
export interface YMD {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const BUCKET_MS = 15 * 60_000; // zone transitions fall on whole quarter hours of UTC
const MAX_CACHED = 20_000;

/** An IANA zone with a memo of its UTC offsets. */
export class Zone {
  private readonly offsets = new Map<number, number>();

  private constructor(readonly name: string, private readonly iana: IANAZone) {}

  private static readonly zones = new Map<string, Zone | undefined>();

  /** The zone for an IANA name (cached), or undefined when the name is not a zone. */
  static of(name: string): Zone | undefined {
    if (Zone.zones.has(name)) return Zone.zones.get(name);
    const zone = IANAZone.isValidZone(name) ? new Zone(name, IANAZone.create(name)) : undefined;
    if (Zone.zones.size < 1000) Zone.zones.set(name, zone);
    return zone;
  }

  /** Offset from UTC in minutes at instant `ms`. */
  offset(ms: number): number {
    const bucket = Math.floor(ms / BUCKET_MS);
    const hit = this.offsets.get(bucket);
    if (hit !== undefined) return hit;
    const off = this.iana.offset(bucket * BUCKET_MS);
    if (this.offsets.size >= MAX_CACHED) this.offsets.clear();
    this.offsets.set(bucket, off);
    return off;
  }

  /** The local calendar date at instant `ms`. */
  dateAt(ms: number): YMD {
    const d = new Date(ms + this.offset(ms) * 60_000);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }

  /**
   * The instant of a local wall-clock time. A time in a DST gap moves forward by the gap, as clocks do;
   * a time that happens twice (clocks fall back) means the first one (Temporal's "compatible" choice).
   */
  instant(date: YMD, hour: number, minute: number): number {
    const local = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
    const before = this.offset(local - 86_400_000);
    const after = this.offset(local + 86_400_000);
    const early = local - Math.max(before, after) * 60_000;
    const late = local - Math.min(before, after) * 60_000;
    if (this.offset(early) === Math.max(before, after)) return early;
    if (this.offset(late) === Math.min(before, after)) return late;
    return local - before * 60_000; // the gap: the offset before it pushes the time forward
  }
}

/** `date` plus `days` calendar days. */
export function addDays(date: YMD, days: number): YMD {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a date (1 = Monday … 7 = Sunday). */
export function weekdayOf(date: YMD): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** True when the date exists (Feb 29 only in leap years). */
export function isRealDate(date: YMD): boolean {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return d.getUTCFullYear() === date.year && d.getUTCMonth() === date.month - 1 && d.getUTCDate() === date.day;
}
