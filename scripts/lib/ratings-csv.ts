/** Chat ratings (contract/ratings.ts) as CSV (RFC 4180: quoted where needed, CRLF between records). */
import type { RatingRecord } from '../../contract/ratings';

const COLUMNS: ReadonlyArray<keyof RatingRecord> = ['time', 'conversationSid', 'agent', 'rating', 'comment'];

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // A leading =, +, - or @ makes spreadsheets run the cell as a formula: a visitor wrote it.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Oldest first, only those rated at or after `since`. */
export function ratingsCsv(records: readonly RatingRecord[], since: Date | null = null): string {
  const rows = records
    .filter((record) => since === null || Date.parse(record.time) >= since.getTime())
    .sort((a, b) => a.time.localeCompare(b.time))
    .map((record) => COLUMNS.map((column) => cell(record[column])).join(','));
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
