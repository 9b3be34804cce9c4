import { randomBytes } from 'node:crypto';

/** Twilio resource type prefixes the emulator hands out. */
/**
 * ET, ES, MP: Sync documents, lists and maps (realtime side and Sync REST); IS: a Sync service.
 * IG, FW, SK: Flex addresses, Studio flows, API keys; WS, WW, TC: the TaskRouter workspace,
 * workflow and task channels Flex routes with; WT, KD, UO: its tasks, and the Flex interactions and
 * interaction channels Studio's "Send to Flex" opens. ZS..ZV: Serverless services, environments,
 * functions and assets (both ZH), their versions (ZN), builds, deployments and variables. RL: the
 * Conversations service's roles.
 */
export type SidPrefix =
  | 'CH' | 'MB' | 'IM' | 'US' | 'ME' | 'ET' | 'ES' | 'MP' | 'IS' | 'RL'
  | 'IG' | 'FW' | 'SK' | 'WS' | 'WW' | 'TC' | 'WT' | 'KD' | 'UO'
  | 'ZS' | 'ZE' | 'ZH' | 'ZN' | 'ZB' | 'ZD' | 'ZV';

/** A sid shaped like Twilio's: two-letter type prefix + 32 lowercase hex digits (34 characters). */
export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}

export function isSid(value: string, prefix: string): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}
