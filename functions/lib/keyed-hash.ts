/**
 * Keyed hashes of what must be recognised later but never read back: email codes and addresses.
 * HMAC-SHA256 with a key derived from API_SECRET for each purpose, so a value hashed for one
 * purpose never matches another's, and nobody who reads Twilio Sync can test guesses without the secret.
 */
import { createHmac } from 'node:crypto';

export type HashPurpose = 'email code' | 'email address';

export function keyedHash(apiSecret: string, purpose: HashPurpose, value: string): string {
  const key = createHmac('sha256', apiSecret).update(`webchat ${purpose} v1`).digest();
  return createHmac('sha256', key).update(value).digest('base64url');
}
