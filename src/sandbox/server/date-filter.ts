/**
 * FHIR date search with `ge|gt|le|lt` prefixes. A value names a period as long as its precision (a year,
 * a month, a day, a second): `gt2020-02-13` means after the whole day, `le2020-02-13` up to its end.
 */

export type DatePrefix = 'ge' | 'gt' | 'le' | 'lt';

export interface DateBound {
  readonly prefix: DatePrefix;
  /** Start of the named period (epoch ms, inclusive). */
  readonly start: number;
  /** End of the named period (epoch ms, exclusive). */
  readonly end: number;
}

const DATE_VALUE =
  /^(ge|gt|le|lt)(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/** undefined when the value is not a prefixed date. */
export function parseDateBound(value: string): DateBound | undefined {
  const m = DATE_VALUE.exec(value.trim());
  if (m === null) return undefined;
  const [, prefix, year, month, day, hour, minute, second, fraction, zone] = m;
  const y = Number(year);
  if (month === undefined) return bound(prefix, Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1));
  const mo = Number(month) - 1;
  if (day === undefined) return bound(prefix, Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 1));
  const d = Number(day);
  if (hour === undefined) return bound(prefix, Date.UTC(y, mo, d), Date.UTC(y, mo, d + 1));
  const local = Date.UTC(y, mo, d, Number(hour), Number(minute), Number(second ?? 0), fractionMs(fraction));
  const start = local - zoneOffsetMs(zone);
  const precision = fraction !== undefined ? 1 : second !== undefined ? 1000 : 60_000;
  return Number.isNaN(start) ? undefined : bound(prefix, start, start + precision);
}

function bound(prefix: string | undefined, start: number, end: number): DateBound {
  return { prefix: prefix as DatePrefix, start, end };
}

function fractionMs(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Math.floor(Number(`0${fraction}`) * 1000);
}

/** Dates without a zone are read as UTC. */
function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (m === null) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/** Whether an instant (epoch ms) satisfies every bound. */
export function matchesBounds(instant: number, bounds: readonly DateBound[]): boolean {
  return bounds.every((b) => {
    switch (b.prefix) {
      case 'ge':
        return instant >= b.start;
      case 'gt':
        return instant >= b.end;
      case 'le':
        return instant < b.end;
      case 'lt':
        return instant < b.start;
    }
    return false;
  });
}

/** `YYYY-MM-DD` as the instant that starts the day (UTC). */
export function dayStart(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
}

/** A canonical text of bounds, for cache keys. */
export function boundsKey(bounds: readonly DateBound[]): string {
  return bounds.map((b) => `${b.prefix}${b.start}-${b.end}`).join(',');
}
