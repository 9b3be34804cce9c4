/**
 * Solves the backend's proof-of-work challenge with WebCrypto: the hashing runs off the main thread,
 * which only hands out batches and reads results, so the page stays responsive while the visitor types.
 */
import { leadingZeroBits, proofInput } from '../../functions/lib/proof-of-work';

/** Enough in flight to keep WebCrypto busy; small enough that each batch's bookkeeping is a short task. */
const BATCH = 128;
/** Solutions are at most 12 digits (the backend's rule); at any allowed difficulty one is found long before. */
const LAST_COUNTER = 1e12;

export async function solveChallenge(challenge: string, difficulty: number): Promise<string> {
  const encoder = new TextEncoder();
  for (let base = 0; base < LAST_COUNTER; base += BATCH) {
    const hashes = await Promise.all(
      Array.from({ length: BATCH }, (_, offset) => crypto.subtle.digest('SHA-256', encoder.encode(proofInput(challenge, String(base + offset))))),
    );
    const found = hashes.findIndex((hash) => leadingZeroBits(new Uint8Array(hash)) >= difficulty);
    if (found >= 0) return String(base + found);
  }
  throw new Error('No solution within the counter range.');
}
