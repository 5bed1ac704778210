/**
 * The synthetic calendar. Claims fall in fixed years and every date is computed from a day number,
 * never from the clock, so a dataset generated today and next year is byte-identical.
 */

/** Milliseconds in a day (UTC days have no leap seconds in JavaScript). */
export const MS_PER_DAY = 86_400_000;

/** Day 0 of the claim timeline, 2021-01-01 (UTC). */
export const TIMELINE_START_MS = Date.UTC(2021, 0, 1);
/** Number of days from 2021-01-01 to 2025-12-31 inclusive. */
export const TIMELINE_DAYS = (Date.UTC(2025, 11, 31) - TIMELINE_START_MS) / MS_PER_DAY + 1;

/** `YYYY-MM-DD` of a timeline day (may be negative or past the end for birth dates and lags). */
export function dayToDate(day: number): string {
  return new Date(TIMELINE_START_MS + day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * An instant with an explicit `+00:00` offset and milliseconds, the shape BFD writes in
 * `meta.lastUpdated` (e.g. `2023-06-14T16:31:42.360+00:00`).
 */
export function dayToInstant(day: number, msOfDay: number): string {
  const iso = new Date(TIMELINE_START_MS + day * MS_PER_DAY + msOfDay).toISOString();
  return `${iso.slice(0, 23)}+00:00`;
}

/** `Date.toISOString()` form (`Z`), as BB2 sends `iat` in userinfo. */
export function dayToIsoZ(day: number, msOfDay: number): string {
  return new Date(TIMELINE_START_MS + day * MS_PER_DAY + msOfDay).toISOString();
}

/** The timeline day of a `YYYY-MM-DD` date. */
export function dateToDay(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - TIMELINE_START_MS) / MS_PER_DAY);
}
