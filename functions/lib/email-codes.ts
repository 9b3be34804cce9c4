/**
 * One-time codes that prove an address is the visitor's: six digits, emailed to the address, typed
 * back into the widget. Twilio Sync keeps, per chat, only a keyed hash of the code bound to the
 * chat and the address (keyed-hash.ts), never the code; it lives CODE_TTL_SECONDS, takes at most
 * MAX_CODE_TRIES guesses (counted race-free in a Sync List of its own) and works once.
 * With the limits on codes sent (email-code-limits.ts), a script guessing codes for an inbox gets
 * MAX_CODES_PER_INBOX_PER_DAY × MAX_CODE_TRIES = 25 guesses a day: a 1 in 40,000 chance.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { WebchatError } from './errors';
import { keyedHash, sameHash } from './keyed-hash';
import { withCollection, type SyncService } from './sync-collection';
import { countInList } from './sync-counter';
import { callTwilio, twilioStatus } from './twilio-call';
import type { ChatAddress } from './verified-emails';

export const CODE_TTL_SECONDS = 600;
export const MAX_CODE_TRIES = 5;
export const CODE_SHAPE = /^\d{6}$/;
const CODES = 'webchat-email-codes';

interface StoredCode {
  hash: string;
  /** Seconds since the epoch: Sync deletes expired items only eventually. */
  expiresAt: number;
  /** Names the list that counts this code's tries. */
  id: string;
}

function codeHash(owner: ChatAddress, code: string): string {
  return keyedHash(owner.apiSecret, 'email code', `${owner.conversationSid}\n${owner.address}\n${code}`);
}

function busy(error: unknown): never {
  if (twilioStatus(error) === 429 || twilioStatus(error) === 409) {
    throw new WebchatError(429, 'TOO_MANY_EMAIL_CODES', 'Many codes are being sent right now; try again in a moment.', { retryAfterSeconds: 1 });
  }
  throw error;
}

/** Stores a new code for the chat, replacing any earlier one, and answers it (for the email only). */
export async function storeNewCode(sync: SyncService, owner: ChatAddress, now: Date): Promise<{ code: string; expiresAt: Date }> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = Math.floor(now.getTime() / 1000) + CODE_TTL_SECONDS;
  const data: StoredCode = { hash: codeHash(owner, code), expiresAt, id: randomBytes(12).toString('base64url') };
  const create = () => sync.syncMaps(CODES).syncMapItems.create({ key: owner.conversationSid, data, itemTtl: CODE_TTL_SECONDS });
  try {
    await withCollection(create, () => sync.syncMaps.create({ uniqueName: CODES }), 'store email code');
  } catch (error) {
    if (twilioStatus(error) !== 409) busy(error);
    // The chat's earlier code: the new one replaces it.
    await removeCode(sync, owner.conversationSid);
    await callTwilio('store email code', create).catch(busy);
  }
  return { code, expiresAt: new Date(expiresAt * 1000) };
}

async function removeCode(sync: SyncService, conversationSid: string): Promise<void> {
  try {
    await callTwilio('remove email code', () => sync.syncMaps(CODES).syncMapItems(conversationSid).remove());
  } catch (error) {
    // Gone already (expired, or used by a request just before): as good.
    if (twilioStatus(error) !== 404) throw error;
  }
}

const expired = (): WebchatError =>
  new WebchatError(410, 'EMAIL_CODE_EXPIRED', 'This code has expired, was used, or was tried too often: ask for a new one.', { field: 'code' });

/** Resolves when `code` is the chat's current code for `address`, and uses it up; refuses otherwise. */
export async function useCode(sync: SyncService, owner: ChatAddress, code: string, now: Date): Promise<void> {
  let stored: StoredCode;
  try {
    const item = await callTwilio('fetch email code', () => sync.syncMaps(CODES).syncMapItems(owner.conversationSid).fetch());
    stored = item.data as StoredCode;
  } catch (error) {
    if (twilioStatus(error) === 404) throw expired();
    throw error;
  }
  if (stored.expiresAt <= now.getTime() / 1000) throw expired();
  const tries = await countInList(sync, `webchat-email-code-tries-${stored.id}`, CODE_TTL_SECONDS, 'count email code try').catch(busy);
  if (tries >= MAX_CODE_TRIES) throw expired();
  if (!sameHash(stored.hash, codeHash(owner, code))) {
    const left = MAX_CODE_TRIES - tries - 1;
    const message = left === 0 ? 'This is not the code we sent, and it cannot be tried again: ask for a new one.' : `This is not the code we sent: ${left} ${left === 1 ? 'try' : 'tries'} left.`;
    throw new WebchatError(403, 'EMAIL_CODE_WRONG', message, { field: 'code' });
  }
  await removeCode(sync, owner.conversationSid);
}
