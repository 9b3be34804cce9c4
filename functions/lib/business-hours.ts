/**
 * The contact center's opening hours, from three variables a person edits in the Console:
 * - `BUSINESS_HOURS`: the time zone, then the open hours by weekday, separated by `;`, e.g.
 *   `Europe/Berlin; Mon-Fri 09:00-17:30; Sat 10:00-14:00`. Several ranges a day go with commas
 *   (`Mon-Fri 09:00-12:00,13:00-17:00`); a range that ends before it starts runs past midnight
 *   (`Fri 22:00-02:00`); `24:00` ends a day; the zone alone means every hour of the week.
 * - `BUSINESS_CLOSED_DATES`: whole local days closed, e.g. `2026-12-24,2026-12-25`.
 * - `CHAT_CLOSED=true`: closed now, whatever the hours say (an emergency switch).
 * Empty means always open. A wrong value is a ConfigurationError naming the variable.
 */
import { text, type Environment } from './config';
import { ConfigurationError } from './errors';
import { isTimeZone } from './zoned-time';

/** Minutes since the day's local midnight; `end` is past 1440 when the range runs into the next day. */
export interface OpenRange {
  start: number;
  end: number;
}

export interface WeeklyHours {
  timeZone: string;
  /** By weekday, 0 = Sunday; each day's ranges sorted by start. */
  days: ReadonlyArray<readonly OpenRange[]>;
  /** Local dates (`YYYY-MM-DD`) closed all day. */
  closedDates: ReadonlySet<string>;
}

export interface OpeningHours {
  /** CHAT_CLOSED: closed until someone says otherwise. */
  closed: boolean;
  /** Null: open around the clock. */
  hours: WeeklyHours | null;
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const EXAMPLE = 'like "Europe/Berlin; Mon-Fri 09:00-17:30; Sat 10:00-14:00"';
/** More would be a list kept somewhere else than in a variable. */
const MOST_CLOSED_DATES = 500;

function weekday(name: string, rule: string): number {
  const day = WEEKDAYS.indexOf(name.trim().toLowerCase());
  if (day === -1) throw new ConfigurationError('BUSINESS_HOURS', `has "${rule}", whose day "${name.trim()}" is not one of Mon, Tue, Wed, Thu, Fri, Sat, Sun`);
  return day;
}

/** `Mon-Fri`, `Sat`, `Mon,Wed,Fri` or `Fri-Mon` (round the weekend). */
function weekdays(spec: string, rule: string): number[] {
  return spec.split(',').flatMap((part) => {
    const [first = '', last, extra] = part.split('-');
    if (extra !== undefined) throw new ConfigurationError('BUSINESS_HOURS', `has "${rule}", whose days "${part}" are not a range like Mon-Fri`);
    const from = weekday(first, rule);
    if (last === undefined) return [from];
    const to = weekday(last, rule);
    const days: number[] = [];
    for (let day = from; ; day = (day + 1) % 7) {
      days.push(day);
      if (day === to) return days;
    }
  });
}

function minuteOf(clock: string, rule: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(clock);
  const minute = match === null ? NaN : Number(match[1]) * 60 + Number(match[2]);
  if (!(minute <= 1440)) throw new ConfigurationError('BUSINESS_HOURS', `has "${rule}", whose time "${clock}" is not a time from 00:00 to 24:00`);
  return minute;
}

function range(spec: string, rule: string): OpenRange {
  const [from = '', to, extra] = spec.split('-').map((part) => part.trim());
  if (to === undefined || extra !== undefined) throw new ConfigurationError('BUSINESS_HOURS', `has "${rule}", whose hours "${spec}" are not a range like 09:00-17:30`);
  const start = minuteOf(from, rule);
  const end = minuteOf(to, rule);
  if (start === 1440 || start === end) throw new ConfigurationError('BUSINESS_HOURS', `has "${rule}", whose hours "${spec}" open for no time`);
  return { start, end: end > start ? end : end + 1440 };
}

function weeklyRule(rule: string, days: OpenRange[][]): void {
  const match = /^(\S+)\s+(.+)$/.exec(rule);
  if (match === null) throw new ConfigurationError('BUSINESS_HOURS', `has "${rule}", which is not days and hours like "Mon-Fri 09:00-17:30"`);
  const ranges = (match[2] ?? '').split(',').map((spec) => range(spec.trim(), rule));
  for (const day of weekdays(match[1] ?? '', rule)) days[day]?.push(...ranges);
}

function closedDates(env: Environment): Set<string> {
  const name = 'BUSINESS_CLOSED_DATES';
  const value = text(env, name);
  if (value === undefined) return new Set();
  const dates = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const date of dates) {
    // A real calendar date: 2026-02-30 would never match and hide a typing mistake.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw new ConfigurationError(name, `has "${date}", which is not a date like 2026-12-24 (dates are separated by commas)`);
    }
  }
  if (dates.length > MOST_CLOSED_DATES) throw new ConfigurationError(name, `must list at most ${MOST_CLOSED_DATES} dates`);
  return new Set(dates);
}

function weeklyHours(env: Environment): WeeklyHours | null {
  const dates = closedDates(env);
  const value = text(env, 'BUSINESS_HOURS');
  if (value === undefined) {
    if (dates.size > 0) throw new ConfigurationError('BUSINESS_CLOSED_DATES', 'needs BUSINESS_HOURS to name the time zone its dates are in ("Europe/Berlin" alone keeps every hour of the week open)');
    return null;
  }
  const [zone = '', ...rules] = value.split(';').map((part) => part.trim());
  if (!isTimeZone(zone)) {
    throw new ConfigurationError('BUSINESS_HOURS', `must start with a time zone like Europe/Berlin or America/New_York ("${zone}" is none), ${EXAMPLE}`);
  }
  const days: OpenRange[][] = WEEKDAYS.map(() => []);
  const written = rules.filter(Boolean);
  for (const rule of written) weeklyRule(rule, days);
  if (written.length === 0) days.forEach((day) => day.push({ start: 0, end: 1440 }));
  for (const day of days) day.sort((a, b) => a.start - b.start);
  return { timeZone: zone, days, closedDates: dates };
}

/** Reads and checks the three variables at once. */
export function readOpeningHours(env: Environment): OpeningHours {
  const closed = text(env, 'CHAT_CLOSED');
  if (closed !== undefined && closed !== 'true' && closed !== 'false') throw new ConfigurationError('CHAT_CLOSED', 'must be true or false');
  return { closed: closed === 'true', hours: weeklyHours(env) };
}
