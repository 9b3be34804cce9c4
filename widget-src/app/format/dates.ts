/** Times and day labels through `Intl`, so they follow the visitor's (or configured) locale. */

/** Day key in local time, for grouping messages under date separators. */
export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/**
 * Building an Intl formatter costs far more than using one, and every message's time is formatted
 * on every render of the list: one formatter per locale serves them all.
 */
const timeFormats = new Map<string | undefined, Intl.DateTimeFormat>();

export function formatTime(date: Date, locale: string | undefined): string {
  let format = timeFormats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    timeFormats.set(locale, format);
  }
  return format.format(date);
}

/** "Today", "Yesterday" (localised by Intl.RelativeTimeFormat) or a medium date. */
export function dayLabel(date: Date, now: Date, locale: string | undefined): string {
  const startOf = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(date) - startOf(now)) / 86_400_000);
  if (days === 0 || days === -1) {
    const label = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
    return label.charAt(0).toLocaleUpperCase(locale) + label.slice(1);
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}
