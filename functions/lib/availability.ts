/**
 * Whether the chat is open at an instant, why not, and when it opens next (business-hours.ts holds
 * the settings). Wall-clock rules: "09:00-17:30" means what the contact center's clocks show, so
 * a daylight-saving change moves the instants, never the hours.
 */
import type { Availability } from '../../contract/contact-center-api';
import type { OpeningHours, WeeklyHours } from './business-hours';
import { addDays, instantOf, wallTime } from './zoned-time';

/** Far enough to pass any run of closed dates a variable can hold (business-hours.ts allows 500). */
const LOOKAHEAD_DAYS = 550;

function isOpenAt(hours: WeeklyHours, epochMs: number): boolean {
  const now = wallTime(hours.timeZone, epochMs);
  if (hours.closedDates.has(now.date)) return false;
  if (hours.days[now.weekday]?.some((range) => range.start <= now.minute && now.minute < range.end)) return true;
  // Yesterday's ranges that run past midnight, unless yesterday was closed and they never began.
  const yesterday = addDays(now.date, -1);
  if (hours.closedDates.has(yesterday.date)) return false;
  return hours.days[yesterday.weekday]?.some((range) => now.minute < range.end - 1440) ?? false;
}

/** The first instant after `epochMs` at which a range begins on a day that is not closed. */
function nextOpening(hours: WeeklyHours, epochMs: number): number | null {
  const today = wallTime(hours.timeZone, epochMs).date;
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset += 1) {
    const day = addDays(today, offset);
    if (hours.closedDates.has(day.date)) continue;
    for (const range of hours.days[day.weekday] ?? []) {
      const opens = instantOf(hours.timeZone, day.date, range.start);
      // A range that lies wholly in the hour a change to summer time skips never opens.
      if (opens > epochMs && isOpenAt(hours, opens)) return opens;
    }
  }
  return null;
}

export function availabilityAt(settings: OpeningHours, now: Date): Availability {
  if (settings.closed) return { open: false, reason: 'closed' };
  const { hours } = settings;
  const epochMs = now.getTime();
  if (hours === null || isOpenAt(hours, epochMs)) return { open: true };
  const opens = nextOpening(hours, epochMs);
  return {
    open: false,
    reason: hours.closedDates.has(wallTime(hours.timeZone, epochMs).date) ? 'holiday' : 'hours',
    ...(opens === null ? {} : { opensAt: new Date(opens).toISOString() }),
  };
}
