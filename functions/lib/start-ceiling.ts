/**
 * The deployment's ceiling on new chats: at most `maxNewChatsPerMinute` in any 60 seconds, across
 * every instance. Each admitted start holds one of N slots (the items `0` … `N-1` of a Sync map) for
 * 60 seconds, the item's TTL: while all N are held nothing more is admitted, so no 60 seconds ever
 * admit more than N (a count per clock minute admits 2N across a minute boundary).
 *
 * A start takes a slot at random; when that one is held, one read shows which are free and when the
 * first held one frees. An instance that found them all held remembers until then and refuses without asking Sync again: once the window is
 * known to be full, a flood costs Sync nothing, and cannot push the start path's shared Sync
 * objects past Sync's rate limit (20 operations a second per object).
 *
 * With a captcha configured, starts that pass it draw on an allowance of their own, as large, so a
 * flood that solves the proof of work but not the captcha cannot lock visitors out.
 */
import type { FunctionsConfig } from './config';
import { rethrowBusy, withCollection, type SyncService } from './sync-collection';
import { callTwilio, twilioStatus } from './twilio-call';

/** Which allowance a start draws on: the proof of work's, or, having passed the captcha, the captcha's. */
export type Allowance = 'proof' | 'captcha';

const SLOT_MAPS: Readonly<Record<Allowance, string>> = { proof: 'webchat-start-slots', captcha: 'webchat-captcha-start-slots' };
const WINDOW_SECONDS = 60;
/** Free slots tried when other instances take them at the same moment, before asking the caller to retry. */
const TRIES = 3;

type Settings = Pick<FunctionsConfig, 'maxNewChatsPerMinute' | 'syncServiceSid' | 'apiBaseUrl'>;

/** Per warm instance: until when (epoch ms) an allowance is known to be full. */
const fullUntil = new Map<string, number>();

function memoryKey(config: Settings, allowance: Allowance): string {
  // What was seen belongs to one Sync service (reached at one address) and one ceiling.
  return [config.apiBaseUrl ?? 'twilio', config.syncServiceSid, allowance, config.maxNewChatsPerMinute].join(' ');
}

function secondsUntil(until: number, now: Date): number {
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** Seconds until the allowance may have room, when this instance knows it is full; null when it may have room now. */
export function knownFull(config: Settings, allowance: Allowance, now: Date): number | null {
  const until = fullUntil.get(memoryKey(config, allowance));
  return until === undefined || until <= now.getTime() ? null : secondsUntil(until, now);
}

/** The held slots and when each frees (epoch ms); an item Sync has yet to collect counts as held a moment longer. */
async function heldSlots(sync: SyncService, map: string, ceiling: number, now: Date): Promise<Map<string, number>> {
  try {
    const items = await callTwilio('read chat start slots', () => sync.syncMaps(map).syncMapItems.list({ pageSize: Math.min(ceiling, 100), limit: ceiling }));
    return new Map(items.map((item) => [item.key, Math.max(item.dateExpires?.getTime() ?? 0, now.getTime() + 1_000)]));
  } catch (error) {
    if (twilioStatus(error) === 404) return new Map();
    return rethrowBusy(error);
  }
}

/** Takes `slot` for a window; false when another start holds it (Sync's 409 for a key in use). */
async function take(sync: SyncService, map: string, slot: string): Promise<boolean> {
  try {
    await withCollection(
      () => sync.syncMaps(map).syncMapItems.create({ key: slot, data: {}, itemTtl: WINDOW_SECONDS }),
      () => sync.syncMaps.create({ uniqueName: map }),
      'take chat start slot',
    );
    return true;
  } catch (error) {
    if (twilioStatus(error) !== 409) rethrowBusy(error);
    return false;
  }
}

const pick = (slots: string[]): string => slots.splice(Math.floor(Math.random() * slots.length), 1)[0] ?? '0';

/**
 * Takes a free slot for this start. Answers null when it did, or the seconds until one frees when
 * none is free (remembered until then). Slots are picked at random, so instances starting at the
 * same moment rarely reach for the same one, and while most are free the first pick succeeds
 * without reading any.
 */
export async function takeSlot(sync: SyncService, config: Settings, allowance: Allowance, now: Date): Promise<number | null> {
  const map = SLOT_MAPS[allowance];
  const all = Array.from({ length: config.maxNewChatsPerMinute }, (_, slot) => String(slot));
  if (await take(sync, map, pick([...all]))) return null;
  const held = await heldSlots(sync, map, config.maxNewChatsPerMinute, now);
  const free = all.filter((slot) => !held.has(slot));
  for (let tries = 1; tries < TRIES && free.length > 0; tries += 1) {
    const slot = pick(free);
    if (await take(sync, map, slot)) return null;
    held.set(slot, now.getTime() + WINDOW_SECONDS * 1000);
  }
  // Slots left untried are free but contended: worth another go in a second.
  if (free.length > 0) return 1;
  const until = Math.min(...held.values());
  fullUntil.set(memoryKey(config, allowance), until);
  return secondsUntil(until, now);
}
