/**
 * Gets a challenge from the `challenge` Function and solves it with the widget's own solver, as the
 * widget does before `initWebchat`: tests of starting a chat go through the same proof of work.
 */
import { handler as challengeHandler } from '../../functions/challenge';
import type { FunctionContext } from '../../functions/lib/runtime';
import { solveChallenge } from '../../widget-src/api/solve-challenge';
import { invoke } from './function-runtime';

export interface SolvedChallenge {
  challenge: string;
  solution: string;
}

/** A solved challenge for a page at `headers.origin`, or nothing when the Function refuses to issue one. */
export async function solvedChallenge(context: FunctionContext, headers: Record<string, string>): Promise<SolvedChallenge | Record<string, never>> {
  const answer = await invoke(challengeHandler, context, {}, { 'content-type': 'application/json', ...headers });
  if (answer.status !== 200) return {};
  const { challenge, difficulty } = answer.body as { challenge: string; difficulty: number };
  return { challenge, solution: await solveChallenge(challenge, difficulty) };
}

/** The same over HTTP, for tests that go through twilio-run: what the widget sends besides the form. */
export async function solvedChallengeOverHttp(baseUrl: string, origin: string): Promise<SolvedChallenge> {
  const answer = await fetch(`${baseUrl}/challenge`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', Origin: origin } });
  if (answer.status !== 200) throw new Error(`/challenge answered ${answer.status}: ${await answer.text()}`);
  const { challenge, difficulty } = (await answer.json()) as { challenge: string; difficulty: number };
  return { challenge, solution: await solveChallenge(challenge, difficulty) };
}
