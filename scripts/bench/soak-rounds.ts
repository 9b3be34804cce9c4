/**
 * The long soak: rounds of the soak test's round (tests/support/soak.ts), each a fresh chat driven
 * at random through the emulator's faults for `roundSeconds`, until `minutes` have passed. Prints
 * each round's counts and problems, then the totals. Not run by tests (the suite runs one short round).
 */
import { runSoakRound, soakProblems, soakSummary } from '../../tests/support/soak';
import { newSeed } from '../../tests/support/seeded-random';
import { startStack } from '../../tests/support/stack';

export interface SoakRun {
  /** A fresh one when absent; round n uses seed + n. */
  seed?: number;
  minutes: number;
  roundSeconds: number;
}

/** Runs the rounds; resolves with how many rounds had problems. */
export async function soakRounds({ seed = newSeed(), minutes, roundSeconds }: SoakRun): Promise<number> {
  const stack = await startStack();
  const until = Date.now() + minutes * 60_000;
  // Bounded in count as well as time: a round takes at least its actions' time.
  const maxRounds = Math.ceil((minutes * 60) / roundSeconds) + 1;
  let messages = 0;
  let failed = 0;
  let rounds = 0;
  try {
    console.log(`soak: seed ${seed}, ${minutes} min in rounds of ${roundSeconds} s (replay a round: SOAK_SEED=<its seed> npx jest tests/e2e/widget-soak.test.ts)`);
    for (; rounds < maxRounds && Date.now() < until; rounds += 1) {
      const round = await runSoakRound(stack, { seed: seed + rounds, actionsMs: roundSeconds * 1000, maxActions: roundSeconds * 20 });
      const problems = soakProblems(round);
      messages += round.conversation.length;
      if (problems.length > 0) failed += 1;
      console.log(`round ${rounds + 1}, ${soakSummary(round)}${problems.map((problem) => `\n  problem: ${problem}`).join('')}`);
    }
  } finally {
    await stack.stop();
  }
  console.log(`soak: ${rounds} rounds, ${messages} messages, ${failed} rounds with problems`);
  return failed;
}
