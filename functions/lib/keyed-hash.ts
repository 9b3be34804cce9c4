/**
 * HMAC-SHA256 under a key derived from the API secret for one purpose: each use (challenges, the
 * visitor's participant seal, email codes and addresses) has a key of its own, so what one signs
 * can never pass for another's, and nobody who reads Twilio Sync can test guesses without the secret.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function keyedHash(apiSecret: string, purpose: string, text: string): string {
  const key = createHmac('sha256', apiSecret).update(purpose).digest();
  return createHmac('sha256', key).update(text).digest('base64url');
}

/** Compares in constant time, so the comparison tells an attacker nothing about how close a guess was. */
export function sameHash(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
