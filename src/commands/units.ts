// Time units in both languages, and the compact forms (`30m`, `1h30`, `1.5h`, `2ч`).

/** A unit a duration can be given in. */
export type Unit = 'min' | 'hour' | 'day' | 'week';

const UNITS: Readonly<Record<string, Unit>> = {
  m: 'min', min: 'min', mins: 'min', minute: 'min', minutes: 'min', mn: 'min',
  м: 'min', мин: 'min', минут: 'min', минуты: 'min', минута: 'min', минуту: 'min', минутку: 'min',
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
  ч: 'hour', час: 'hour', часа: 'hour', часов: 'hour', часик: 'hour',
  d: 'day', day: 'day', days: 'day', день: 'day', дня: 'day', дней: 'day', сутки: 'day', суток: 'day',
  w: 'week', wk: 'week', wks: 'week', week: 'week', weeks: 'week', неделя: 'week', неделю: 'week', недели: 'week', недель: 'week',
};

/** Minutes in one unit. */
export const UNIT_MINUTES: Readonly<Record<Unit, number>> = { min: 1, hour: 60, day: 1440, week: 10080 };

/** The unit a word names, or undefined. */
export function unitOf(core: string | undefined): Unit | undefined {
  if (core === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(UNITS, core) ? UNITS[core] : undefined;
}

/** A compact amount in one token. */
export type Compact = { readonly value: number; readonly unit: Unit } | { readonly minutes: number; readonly invalid: boolean };

const WITH_UNIT = /^(\d{1,9}(?:[.,]\d{1,4})?)([a-zа-я]{1,8})$/;
const HOURS_MINUTES = /^(\d{1,4})(?:h|hr|ч)(\d{1,3})(?:m|min|м|мин)?$/;

/** Reads `30m`, `2hours`, `1.5h`, `2ч` (value and unit) or `1h30`, `1ч30м` (minutes; invalid when the minutes part is over 59). */
export function compactOf(core: string | undefined): Compact | undefined {
  if (core === undefined || core.length < 2) return undefined;
  const c = core.charCodeAt(0);
  if (c < 48 || c > 57) return undefined;
  const hm = HOURS_MINUTES.exec(core);
  if (hm) {
    const minutes = Number(hm[2]);
    return { minutes: Number(hm[1]) * 60 + minutes, invalid: minutes > 59 };
  }
  const wu = WITH_UNIT.exec(core);
  const unit = wu ? unitOf(wu[2]) : undefined;
  return wu && unit ? { value: Number((wu[1] ?? '').replace(',', '.')), unit } : undefined;
}
