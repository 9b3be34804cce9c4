import { createHmac } from 'node:crypto';

/**
 * A key of its own for each use of `API_SECRET` (HMAC of the purpose), so what one use signs or
 * hashes can never be mistaken for another's, and none of them reveals the secret.
 */
export function derivedKey(apiSecret: string, purpose: string): Buffer {
  return createHmac('sha256', apiSecret).update(purpose).digest();
}
