/**
 * The proof-of-work rule shared by the Functions (which verify) and the widget (which solves).
 * Dependency-free so both can import it. The work is split into PUZZLES small puzzles: one puzzle's
 * solving time varies wildly (it is exponentially distributed), eight together vary far less, so a
 * slow phone rarely draws a long wait. A solution is one decimal counter per puzzle, comma-separated;
 * counter n solves puzzle i when SHA-256(`${challenge}:${i}:${n}`) starts with `puzzleBits` zero bits.
 */

export const PUZZLES = 8;

/** Zero bits per puzzle, so that all puzzles together cost about 2^difficulty hashes. */
export function puzzleBits(difficulty: number): number {
  return Math.max(0, difficulty - Math.log2(PUZZLES));
}

/** What gets hashed for one attempt at one puzzle. */
export function proofInput(challenge: string, puzzle: number, counter: string): string {
  return `${challenge}:${puzzle}:${counter}`;
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

/** One short decimal counter per puzzle; anything else is not one of ours. */
export const SOLUTION_SHAPE = new RegExp(`^\\d{1,12}(,\\d{1,12}){${PUZZLES - 1}}$`);
