/**
 * The soak, bounded to about a minute (tests/support/soak.ts): random drops, delays, stalls,
 * refused reconnections and expired tokens, from a printed seed, while the visitor writes from two
 * tabs and the agent over its SDK and REST; at the end each side shows exactly the conversation's
 * messages, in order, each sent once. Replay a run with SOAK_SEED=<seed>; `npm run soak` runs rounds
 * of it for longer.
 */
import { afterAll, beforeAll, expect, jest, test } from '@jest/globals';
import { newSeed } from '../support/seeded-random';
import { runSoakRound, soakProblems, soakSummary } from '../support/soak';
import { startStack, type TestStack } from '../support/stack';

const seed = process.env.SOAK_SEED === undefined ? newSeed() : Number(process.env.SOAK_SEED);
let stack: TestStack;

jest.setTimeout(180_000);

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack?.stop();
});

test('under random faults, both visitor tabs and the agent end with exactly the conversation, each message once, in order', async () => {
  console.log(`soak seed ${seed} (replay: SOAK_SEED=${seed} npx jest tests/e2e/widget-soak.test.ts)`);
  const round = await runSoakRound(stack, { seed, actionsMs: 30_000, maxActions: 300 });
  console.log(soakSummary(round));
  expect(soakProblems(round)).toStrictEqual([]);
  expect(round.conversation.length).toBeGreaterThan(20);
});
