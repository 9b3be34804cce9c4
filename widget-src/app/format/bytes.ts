/** Human-readable byte count in the chosen language, e.g. "1.5 MB", "1,5 Mo" (units through `Intl`). */
import { textLocale } from '../i18n/translate';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return new Intl.NumberFormat(textLocale(), { style: 'unit', unit: UNITS[unit], maximumFractionDigits: digits }).format(value);
}
