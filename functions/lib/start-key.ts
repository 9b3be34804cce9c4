/**
 * The key of one chat start: a secret only the visitor's browser holds (the widget draws 192 random
 * bits with `crypto.getRandomValues`) and sends again with each retry of the same start, so a retry
 * can carry on with the chat an earlier attempt created (earlier-start.ts) instead of leaving it
 * behind. Twilio never sees the key: only its keyed hash, which is worthless to present, since the
 * Functions hash whatever they are given.
 */
import { keyedHash } from './keyed-hash';
import { invalidField } from './errors';

/** Where the start's hash is kept in `pre_engagement_data`, for a retry to recognize a chat Flex created late. */
export const START_HASH_FIELD = 'webchat_start';
/** Keys only the Functions write in `pre_engagement_data`; earlier versions kept the key itself under the second. */
export const START_KEY_FIELDS: readonly string[] = [START_HASH_FIELD, 'webchat_start_id'];

/**
 * How long after its first attempt a start may be carried on: a retry follows a failure within
 * seconds, or a visitor's second click within minutes; later, the key no longer finds its chat.
 */
export const RETRY_WINDOW_SECONDS = 300;

/** At least 128 bits whatever the alphabet: 32 hex digits or more; the widget sends 192 bits in base64. */
const KEY_SHAPE = /^[A-Za-z0-9+/_-]{32,64}$/;

export interface StartKey {
  /** HMAC-SHA256 of the key (base64url), the only form in which Twilio stores it. */
  hash: string;
  /** A retry of an earlier attempt, which may have created the chat already. */
  retry: boolean;
}

export function parseStartKey(params: Readonly<Record<string, unknown>>, apiSecret: string): StartKey | null {
  const { startId, attempt } = params;
  if (startId === undefined) return null;
  if (typeof startId !== 'string' || !KEY_SHAPE.test(startId)) {
    throw invalidField('startId', 'startId must be 32 to 64 letters, digits, +, /, - or _, drawn at random.');
  }
  if (attempt !== undefined && (typeof attempt !== 'number' || !Number.isInteger(attempt) || attempt < 1 || attempt > 100)) {
    throw invalidField('attempt', 'attempt must be a whole number from 1 to 100.');
  }
  const hash = keyedHash(apiSecret, 'webchat start key v1', startId);
  return { hash, retry: (attempt ?? 1) > 1 };
}
