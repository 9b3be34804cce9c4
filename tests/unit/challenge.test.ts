import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CHALLENGE_TTL_SECONDS, issueChallenge, verifyChallenge } from '../../functions/lib/challenge';
import { leadingZeroBits, proofInput, puzzleBits } from '../../contract/proof-of-work';
import { solveChallenge } from '../../widget-src/api/solve-challenge';

const SECRET = 'the deployment api secret';
const ORIGIN = 'https://shop.example.com';
const NOW = new Date('2026-11-25T12:00:00Z');

function code(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error('expected a refusal');
}

/** The widget's solution with its last puzzle's counter swapped for one that does not solve it. */
async function wrongSolution(challenge: string, difficulty: number): Promise<string> {
  const counters = (await solveChallenge(challenge, difficulty)).split(',');
  const last = counters.length - 1;
  for (let counter = 0; ; counter += 1) {
    const hash = createHash('sha256').update(proofInput(challenge, last, String(counter))).digest();
    if (leadingZeroBits(hash) < puzzleBits(difficulty)) return [...counters.slice(0, last), String(counter)].join(',');
  }
}

describe('proof-of-work challenge', () => {
  it('counts leading zero bits across bytes', () => {
    expect(leadingZeroBits(Uint8Array.of(0x80))).toBe(0);
    expect(leadingZeroBits(Uint8Array.of(0x01))).toBe(7);
    expect(leadingZeroBits(Uint8Array.of(0x00, 0x00, 0x10))).toBe(19);
    expect(leadingZeroBits(Uint8Array.of(0x00, 0x00))).toBe(16);
  });

  it('accepts what the widget solved, for the origin it was issued to, with its id and expiry', async () => {
    const issued = issueChallenge(SECRET, ORIGIN, 8, NOW);
    expect(Date.parse(issued.expiresAt)).toBe(NOW.getTime() + CHALLENGE_TTL_SECONDS * 1000);
    const solution = await solveChallenge(issued.challenge, issued.difficulty);
    const solved = verifyChallenge(SECRET, issued.challenge, solution, ORIGIN, NOW);
    expect(solved.expiresAt).toBe(NOW.getTime() / 1000 + CHALLENGE_TTL_SECONDS);
    expect(solved.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('gives every challenge its own id', () => {
    const ids = new Set(Array.from({ length: 50 }, () => issueChallenge(SECRET, ORIGIN, 1, NOW).challenge.split('.')[0]));
    expect(ids.size).toBe(50);
  });

  it('refuses a solution with one puzzle unsolved', async () => {
    const { challenge } = issueChallenge(SECRET, ORIGIN, 12, NOW);
    const wrong = await wrongSolution(challenge, 12);
    expect(code(() => verifyChallenge(SECRET, challenge, wrong, ORIGIN, NOW))).toBe('CHALLENGE_INVALID');
  });

  it('splits the work into eight puzzles of three bits fewer, the same 2^difficulty hashes in all', async () => {
    expect(puzzleBits(12)).toBe(9);
    const { challenge } = issueChallenge(SECRET, ORIGIN, 12, NOW);
    const counters = (await solveChallenge(challenge, 12)).split(',');
    expect(counters).toHaveLength(8);
    counters.forEach((counter, puzzle) => {
      expect(leadingZeroBits(createHash('sha256').update(proofInput(challenge, puzzle, counter)).digest())).toBeGreaterThanOrEqual(9);
    });
  });

  it('refuses a challenge issued to another origin, signed with another secret, expired, altered or missing', async () => {
    const { challenge, difficulty } = issueChallenge(SECRET, ORIGIN, 4, NOW);
    const solution = await solveChallenge(challenge, difficulty);
    expect(code(() => verifyChallenge(SECRET, challenge, solution, 'https://evil.example.com', NOW))).toBe('CHALLENGE_INVALID');
    expect(code(() => verifyChallenge('another secret', challenge, solution, ORIGIN, NOW))).toBe('CHALLENGE_INVALID');
    const later = new Date(NOW.getTime() + CHALLENGE_TTL_SECONDS * 1000);
    expect(code(() => verifyChallenge(SECRET, challenge, solution, ORIGIN, later))).toBe('CHALLENGE_EXPIRED');
    const [payload, signature] = challenge.split('.') as [string, string];
    const easier = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), d: 0 })).toString('base64url');
    expect(code(() => verifyChallenge(SECRET, `${easier}.${signature}`, '0,0,0,0,0,0,0,0', ORIGIN, NOW))).toBe('CHALLENGE_INVALID');
    expect(code(() => verifyChallenge(SECRET, `${challenge}.x`, solution, ORIGIN, NOW))).toBe('CHALLENGE_INVALID');
    expect(code(() => verifyChallenge(SECRET, undefined, undefined, ORIGIN, NOW))).toBe('CHALLENGE_REQUIRED');
    expect(code(() => verifyChallenge(SECRET, challenge, '1e3', ORIGIN, NOW))).toBe('INVALID_FIELD');
    expect(code(() => verifyChallenge(SECRET, challenge, solution.split(',').slice(1).join(','), ORIGIN, NOW))).toBe('INVALID_FIELD');
    expect(code(() => verifyChallenge(SECRET, 42, solution, ORIGIN, NOW))).toBe('INVALID_FIELD');
  });
});
