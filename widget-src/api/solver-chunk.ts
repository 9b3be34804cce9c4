/**
 * Entry of the `challenge-solver` chunk: the proof of work (solve-challenge.ts), fetched beside
 * the challenge itself when the form shows (load-solver.ts), so a visitor who never opens the form
 * never downloads it. See common/chunks.ts.
 */
import { defineChunk } from '../common/chunks';
import { solveChallenge } from './solve-challenge';

export type ChallengeSolver = typeof solveChallenge;

defineChunk('challenge-solver', solveChallenge);
