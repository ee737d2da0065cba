import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { Zone } from '../../src/commands/zone';

// Zones with DST both ways round, half-hour offsets, and Lord Howe's half-hour DST shift.
const ZONES = ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns'];
const HOUR_MS = 3_600_000;

interface Local {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

// The instants at which `local` happens in `zone`: none in a gap, two when clocks fall back, else exactly one.
function occurrences(zone: IANAZone, local: Local): number[] {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsets = new Set([zone.offset(wall - 12 * HOUR_MS), zone.offset(wall), zone.offset(wall + 12 * HOUR_MS)]);
  return [...offsets].map((off) => wall - off * 60_000).filter((ms) => zone.offset(ms) === (wall - ms) / 60_000);
}

// Luxon's reading of the same wall-clock time, the reference the fast path must agree with.
function luxonInstant(name: string, local: Local): number | undefined {
  const dt = DateTime.fromObject(local, { zone: name });
  if (!dt.isValid || dt.year !== local.year || dt.month !== local.month || dt.day !== local.day || dt.hour !== local.hour || dt.minute !== local.minute) {
    return undefined;
  }
  return dt.toMillis();
}

function agrees(name: string, local: Local): boolean {
  const zone = Zone.of(name);
  assert.ok(zone, `${name} is a zone`);
  const iana = IANAZone.create(name);
  const found = occurrences(iana, local);
  fc.pre(found.length === 1); // ambiguous and skipped local times have their own documented rule
  const expected = luxonInstant(name, local);
  fc.pre(expected !== undefined);
  const actual = zone.instant({ year: local.year, month: local.month, day: local.day }, local.hour, local.minute);
  assert.equal(
    new Date(actual).toISOString(),
    new Date(expected).toISOString(),
    `${name} ${JSON.stringify(local)}: zone.ts gives ${new Date(actual).toISOString()}, luxon ${new Date(expected).toISOString()}`,
  );
  assert.deepEqual(zone.dateAt(actual), { year: local.year, month: local.month, day: local.day });
  return true;
}

const anyLocal: fc.Arbitrary<Local> = fc
  .record({
    year: fc.integer({ min: 2025, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
  })
  .filter((l) => new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDate() === l.day);

// Every UTC instant in 2025-2030 at which the zone's offset changes, found by hourly steps and bisection.
function transitions(name: string): number[] {
  const zone = IANAZone.create(name);
  const out: number[] = [];
  const end = Date.UTC(2031, 0, 1);
  for (let t = Date.UTC(2025, 0, 1); t < end; t += HOUR_MS) {
    if (zone.offset(t) === zone.offset(t + HOUR_MS)) continue;
    let [lo, hi] = [t, t + HOUR_MS];
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (zone.offset(mid) === zone.offset(lo)) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

describe('zone arithmetic', () => {
  const near = new Map<string, number[]>();
  before(() => {
    for (const name of ZONES) near.set(name, transitions(name));
  });

  it('finds the DST changes the comparison near transitions relies on', () => {
    for (const name of ZONES) {
      const count = near.get(name)?.length ?? 0;
      // Kolkata has none; the others change twice a year for 6 years
      assert.equal(count, name === 'Asia/Kolkata' ? 0 : 12, `${name}: ${count} transitions`);
    }
  });

  it('places any unambiguous local time in 2025-2030 at the instant luxon does', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), anyLocal, (name, local) => agrees(name, local)), { numRuns: 5000 });
  });

  it('places local times within three hours of a DST change at the instant luxon does', () => {
    const changing = ZONES.filter((z) => z !== 'Asia/Kolkata');
    const arb = fc.tuple(fc.constantFrom(...changing), fc.nat(11), fc.integer({ min: -180, max: 180 }));
    fc.assert(
      fc.property(arb, ([name, which, minutes]) => {
        const change = near.get(name)?.[which];
        fc.pre(change !== undefined);
        // the wall clock just before and just after the change, as the zone shows it then
        const dt = DateTime.fromMillis(change + minutes * 60_000, { zone: name });
        return agrees(name, { year: dt.year, month: dt.month, day: dt.day, hour: dt.hour, minute: dt.minute });
      }),
      { numRuns: 5000 },
    );
  });
});
