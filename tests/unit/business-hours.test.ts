/**
 * Opening hours with fixed clocks in three time zones (Berlin and New York change to summer time
 * in spring, Sydney in autumn): open or not, why, and when it opens next, across midnight and
 * daylight-saving changes; and a wrong setting named in the error.
 */
import { describe, expect, it } from '@jest/globals';
import { availabilityNow } from '../../functions/lib/open-now';
import { ConfigurationError } from '../../functions/lib/errors';

const at = (iso: string, env: Record<string, string>) => availabilityNow(env, new Date(iso));

function settingError(env: Record<string, string>): string {
  try {
    availabilityNow(env);
  } catch (error) {
    if (error instanceof ConfigurationError) return `${error.variable}: ${error.message}`;
    throw error;
  }
  throw new Error('the setting was accepted');
}

describe('opening hours in Europe/Berlin', () => {
  const env = { BUSINESS_HOURS: 'Europe/Berlin; Mon-Fri 09:00-17:30; Sat 10:00-14:00' };

  it('opens at nine and closes at half past five, local time', () => {
    expect(at('2026-12-09T07:59:00Z', env)).toStrictEqual({ open: false, reason: 'hours', opensAt: '2026-12-09T08:00:00.000Z' });
    expect(at('2026-12-09T08:00:00Z', env)).toStrictEqual({ open: true });
    expect(at('2026-12-09T16:29:59Z', env)).toStrictEqual({ open: true });
    expect(at('2026-12-09T16:30:00Z', env)).toStrictEqual({ open: false, reason: 'hours', opensAt: '2026-12-10T08:00:00.000Z' });
  });

  it('opens on Saturday morning after Friday, and on Monday after Saturday', () => {
    expect(at('2026-12-11T17:00:00Z', env).opensAt).toBe('2026-12-12T09:00:00.000Z');
    expect(at('2026-12-12T13:00:00Z', env).opensAt).toBe('2026-12-14T08:00:00.000Z');
  });

  it('stays closed on the closed dates and opens on the next working day', () => {
    const holidays = { ...env, BUSINESS_CLOSED_DATES: '2026-12-24, 2026-12-25' };
    expect(at('2026-12-24T10:00:00Z', holidays)).toStrictEqual({ open: false, reason: 'holiday', opensAt: '2026-12-26T09:00:00.000Z' });
    expect(at('2026-12-23T17:00:00Z', holidays).opensAt).toBe('2026-12-26T09:00:00.000Z');
  });

  it('opens at nine summer time after the clocks go forward, and nine winter time after they go back', () => {
    // The clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026.
    const weekdays = { BUSINESS_HOURS: 'Europe/Berlin; Mon-Fri 09:00-17:30' };
    expect(at('2026-03-27T18:00:00Z', weekdays).opensAt).toBe('2026-03-30T07:00:00.000Z');
    expect(at('2026-10-23T18:00:00Z', weekdays).opensAt).toBe('2026-10-26T08:00:00.000Z');
  });

  it('opens a range that starts in the skipped hour when the clocks show that time after it, and the first of a repeated time', () => {
    expect(at('2026-03-28T20:00:00Z', { BUSINESS_HOURS: 'Europe/Berlin; Sun 02:30-05:00' }).opensAt).toBe('2026-03-29T01:30:00.000Z');
    expect(at('2026-10-24T20:00:00Z', { BUSINESS_HOURS: 'Europe/Berlin; Sun 02:30-05:00' }).opensAt).toBe('2026-10-25T00:30:00.000Z');
    // 02:30-03:00 does not exist on that day: it never opens, so the next Sunday is next.
    expect(at('2026-03-28T20:00:00Z', { BUSINESS_HOURS: 'Europe/Berlin; Sun 02:30-03:00' }).opensAt).toBe('2026-04-05T00:30:00.000Z');
  });

  it('keeps every hour of the week open when only the zone is given, except the closed dates', () => {
    const env = { BUSINESS_HOURS: 'Europe/Berlin', BUSINESS_CLOSED_DATES: '2026-12-25' };
    expect(at('2026-12-24T22:59:00Z', env)).toStrictEqual({ open: true });
    expect(at('2026-12-24T23:00:00Z', env)).toStrictEqual({ open: false, reason: 'holiday', opensAt: '2026-12-25T23:00:00.000Z' });
  });
});

describe('opening hours in America/New_York', () => {
  it('keeps a range that runs past midnight open into the next day', () => {
    const env = { BUSINESS_HOURS: 'America/New_York; Fri 22:00-02:00' };
    // Saturday 12 December 01:30 and 02:00 in New York (UTC-5).
    expect(at('2026-12-12T06:30:00Z', env)).toStrictEqual({ open: true });
    expect(at('2026-12-12T07:00:00Z', env)).toStrictEqual({ open: false, reason: 'hours', opensAt: '2026-12-19T03:00:00.000Z' });
    expect(at('2026-12-10T12:00:00Z', env).opensAt).toBe('2026-12-12T03:00:00.000Z');
  });

  it('does not carry a night past midnight into a closed date', () => {
    const env = { BUSINESS_HOURS: 'America/New_York; Fri 22:00-02:00', BUSINESS_CLOSED_DATES: '2026-12-12' };
    expect(at('2026-12-12T06:30:00Z', env)).toMatchObject({ open: false, reason: 'holiday' });
  });

  it('ends a day at 24:00 and opens at midnight', () => {
    const env = { BUSINESS_HOURS: 'America/New_York; Mon 00:00-24:00' };
    expect(at('2026-12-14T04:59:00Z', env)).toStrictEqual({ open: false, reason: 'hours', opensAt: '2026-12-14T05:00:00.000Z' });
    expect(at('2026-12-15T04:59:00Z', env)).toStrictEqual({ open: true });
    expect(at('2026-12-15T05:00:00Z', env).open).toBe(false);
  });

  it('opens at nine daylight time on the Monday after the clocks go forward', () => {
    // 8 March 2026: 9:00 is 13:00 UTC from then on, 14:00 UTC the week before.
    const env = { BUSINESS_HOURS: 'America/New_York; Mon-Fri 09:00-17:00' };
    expect(at('2026-03-07T12:00:00Z', env).opensAt).toBe('2026-03-09T13:00:00.000Z');
    expect(at('2026-02-28T12:00:00Z', env).opensAt).toBe('2026-03-02T14:00:00.000Z');
  });
});

describe('opening hours in Australia/Sydney', () => {
  const env = { BUSINESS_HOURS: 'Australia/Sydney; Mon-Fri 08:00-18:00' };

  it('opens at eight local time, a day ahead of UTC', () => {
    expect(at('2026-12-06T20:59:00Z', env)).toStrictEqual({ open: false, reason: 'hours', opensAt: '2026-12-06T21:00:00.000Z' });
    expect(at('2026-12-06T21:30:00Z', env)).toStrictEqual({ open: true });
  });

  it('opens at eight standard time after daylight saving ends in April', () => {
    // 5 April 2026: from UTC+11 to UTC+10.
    expect(at('2026-04-03T08:00:00Z', env).opensAt).toBe('2026-04-05T22:00:00.000Z');
  });
});

describe('closing the chat by hand', () => {
  it('is closed with CHAT_CLOSED=true whatever the hours, with no time it opens', () => {
    expect(at('2026-12-09T10:00:00Z', { BUSINESS_HOURS: 'Europe/Berlin; Mon-Fri 09:00-17:30', CHAT_CLOSED: 'true' })).toStrictEqual({ open: false, reason: 'closed' });
    expect(at('2026-12-09T10:00:00Z', { CHAT_CLOSED: 'false' })).toStrictEqual({ open: true });
  });

  it('is always open when nothing is set', () => {
    expect(at('2026-12-25T03:00:00Z', {})).toStrictEqual({ open: true });
  });
});

describe('a wrong setting', () => {
  it.each([
    [{ BUSINESS_HOURS: 'Mon-Fri 09:00-17:00' }, /^BUSINESS_HOURS: .*must start with a time zone/],
    [{ BUSINESS_HOURS: 'Europe/Berlln; Mon-Fri 09:00-17:00' }, /^BUSINESS_HOURS: .*"Europe\/Berlln" is none/],
    [{ BUSINESS_HOURS: 'Europe/Berlin; Mon-Fry 09:00-17:00' }, /^BUSINESS_HOURS: .*day "Fry"/],
    [{ BUSINESS_HOURS: 'Europe/Berlin; Mon-Fri 9-17' }, /^BUSINESS_HOURS: .*"9" is not a time/],
    [{ BUSINESS_HOURS: 'Europe/Berlin; Mon-Fri 09:00-24:30' }, /^BUSINESS_HOURS: .*"24:30" is not a time/],
    [{ BUSINESS_HOURS: 'Europe/Berlin; Mon-Fri 09:00' }, /^BUSINESS_HOURS: .*not a range like 09:00-17:30/],
    [{ BUSINESS_HOURS: 'Europe/Berlin; Mon 09:00-09:00' }, /^BUSINESS_HOURS: .*open for no time/],
    [{ BUSINESS_HOURS: 'Europe/Berlin', BUSINESS_CLOSED_DATES: '2026-02-30' }, /^BUSINESS_CLOSED_DATES: .*"2026-02-30"/],
    [{ BUSINESS_CLOSED_DATES: '2026-12-24' }, /^BUSINESS_CLOSED_DATES: .*needs BUSINESS_HOURS/],
    [{ CHAT_CLOSED: 'yes' }, /^CHAT_CLOSED: .*true or false/],
  ])('%j is refused naming the variable', (env, expected) => {
    expect(settingError(env)).toMatch(expected);
  });
});
