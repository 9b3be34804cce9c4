/**
 * The proof-of-work rule shared by the Functions (which verify) and the widget (which solves).
 * Dependency-free so both can import it: a solution is a decimal counter such that
 * SHA-256(`${challenge}:${solution}`) starts with at least `difficulty` zero bits.
 */

/** What gets hashed for one attempt. */
export function proofInput(challenge: string, solution: string): string {
  return `${challenge}:${solution}`;
}

/** How many zero bits the hash starts with. */
export function leadingZeroBits(hash: Uint8Array): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Solutions are short decimal counters; anything else is not one of ours. */
export const SOLUTION_SHAPE = /^\d{1,12}$/;
