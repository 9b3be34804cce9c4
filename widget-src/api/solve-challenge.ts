/**
 * Solves the backend's proof-of-work challenge with WebCrypto: the hashing runs off the main thread,
 * which only hands out batches and reads results, so the page stays responsive while the visitor types.
 */
import { leadingZeroBits, proofInput, PUZZLES, puzzleBits } from '../../contract/proof-of-work';
import { WidgetError } from '../errors';

/** Hashes in flight: enough to keep WebCrypto busy, few enough that each batch's bookkeeping is a short task. */
const BATCH = 128;
/** Counters are at most 12 digits (the backend's rule); at any allowed difficulty one is found long before. */
const LAST_COUNTER = 1e12;

/** Works on every unsolved puzzle at once, so no batch is spent on a puzzle that is done. */
export async function solveChallenge(challenge: string, difficulty: number): Promise<string> {
  const encoder = new TextEncoder();
  const bits = puzzleBits(difficulty);
  const counters: Array<number | undefined> = Array.from({ length: PUZZLES }, () => undefined);
  for (let base = 0; base < LAST_COUNTER && counters.includes(undefined); ) {
    const open = counters.flatMap((counter, puzzle) => (counter === undefined ? [puzzle] : []));
    const perPuzzle = Math.ceil(BATCH / open.length);
    const attempts = open.flatMap((puzzle) => Array.from({ length: perPuzzle }, (_, offset) => ({ puzzle, counter: base + offset })));
    const hashes = await Promise.all(
      attempts.map(({ puzzle, counter }) => crypto.subtle.digest('SHA-256', encoder.encode(proofInput(challenge, puzzle, String(counter))))),
    );
    hashes.forEach((hash, index) => {
      const { puzzle, counter } = attempts[index] as { puzzle: number; counter: number };
      if (counters[puzzle] === undefined && leadingZeroBits(new Uint8Array(hash)) >= bits) counters[puzzle] = counter;
    });
    base += perPuzzle;
  }
  if (counters.includes(undefined)) throw new WidgetError('CHALLENGE_UNSOLVED', 'No solution within the counter range.');
  return counters.join(',');
}
