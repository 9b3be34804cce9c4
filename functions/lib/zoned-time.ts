/**
 * Wall-clock time in a named IANA time zone, with nothing but `Intl` (no time-zone data of our own
 * to keep up to date): what a local clock shows at an instant, and the instant a local clock shows
 * a given time, across daylight-saving changes.
 */

/** A local date and time of day, as a clock on the wall in the zone shows it. */
export interface WallTime {
  /** `YYYY-MM-DD`. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight, 0 to 1439. */
  minute: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let known = formats.get(timeZone);
  if (known === undefined) {
    known = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formats.set(timeZone, known);
  }
  return known;
}

/** True when `Intl` knows the zone (the runtime's ICU data decides, as it does for every instant below). */
export function isTimeZone(timeZone: string): boolean {
  try {
    format(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's clock at `epochMs`, read back as if that clock were UTC: its offset is the difference. */
function wallAsUtc(timeZone: string, epochMs: number): number {
  const parts = Object.fromEntries(format(timeZone).formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

function offsetAt(timeZone: string, epochMs: number): number {
  return wallAsUtc(timeZone, epochMs) - Math.floor(epochMs / 1000) * 1000;
}

export function wallTime(timeZone: string, epochMs: number): WallTime {
  const local = new Date(wallAsUtc(timeZone, epochMs));
  return { date: local.toISOString().slice(0, 10), weekday: local.getUTCDay(), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** The calendar date `days` after `date` (`YYYY-MM-DD`), and its weekday. */
export function addDays(date: string, days: number): { date: string; weekday: number } {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return { date: day.toISOString().slice(0, 10), weekday: day.getUTCDay() };
}

/**
 * The instant the zone's clocks show `minute` (0 to 1440) on `date`. A time skipped by a
 * daylight-saving change counts as the same time after the change, and a time shown twice counts
 * as the first one: the `"compatible"` disambiguation of JavaScript's Temporal
 * (https://tc39.es/proposal-temporal/docs/zoneddatetime.html#ambiguity-and-time-zone-changes).
 */
export function instantOf(timeZone: string, date: string, minute: number): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minute * 60_000;
  // The offsets a day either side hold for every real zone's single change on one day.
  const before = offsetAt(timeZone, wall - 86_400_000);
  const after = offsetAt(timeZone, wall + 86_400_000);
  const candidates = [wall - before, wall - after].filter((instant) => wallAsUtc(timeZone, instant) === wall);
  // Shown twice: the earlier instant. Skipped: the offset before the change carries it past the gap.
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}
