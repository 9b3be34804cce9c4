import { randomBytes } from 'node:crypto';

/** Twilio resource type prefixes the emulator hands out. */
/** ET, ES, MP: Sync documents, lists and maps (realtime side and Sync REST); IS: a Sync service. */
export type SidPrefix = 'CH' | 'MB' | 'IM' | 'US' | 'ME' | 'ET' | 'ES' | 'MP' | 'IS';

/** A sid shaped like Twilio's: two-letter type prefix + 32 lowercase hex digits (34 characters). */
export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}

export function isSid(value: string, prefix: string): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}
