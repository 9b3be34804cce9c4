/**
 * A stateless proof-of-work challenge, issued before a chat starts. It is signed with a key derived
 * from the API secret, expires, and is bound to the page's origin: a page of another site cannot
 * read it (the browser compares `Access-Control-Allow-Origin` with the page's real origin), so it
 * cannot start chats even by forging headers. Scripts can, at the price of one solved challenge
 * per chat; the replay check and the deployment-wide ceiling (start-guard.ts) do the rest.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { derivedKey } from './derived-key';
import { invalidField, WebchatError } from './errors';
import { leadingZeroBits, proofInput, puzzleBits, SOLUTION_SHAPE } from '../../contract/proof-of-work';

/** Long enough to fill in the form; a stale one is simply replaced by the widget. */
export const CHALLENGE_TTL_SECONDS = 600;

export interface IssuedChallenge {
  challenge: string;
  difficulty: number;
  /** ISO 8601. */
  expiresAt: string;
}

export interface SolvedChallenge {
  /** Unique per challenge: the key that refuses a second use. */
  id: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

interface ChallengeClaims {
  /** Origin the challenge was issued to; `*` when every origin is allowed and none was sent. */
  o: string;
  /** Expiry, seconds since the epoch. */
  e: number;
  d: number;
  /** Random id. */
  n: string;
}

function sign(apiSecret: string, payload: string): string {
  return createHmac('sha256', derivedKey(apiSecret, 'webchat proof-of-work challenge v1')).update(payload).digest('base64url');
}

export function issueChallenge(apiSecret: string, origin: string, difficulty: number, now = new Date()): IssuedChallenge {
  const expiresAt = Math.floor(now.getTime() / 1000) + CHALLENGE_TTL_SECONDS;
  const claims: ChallengeClaims = { o: origin, e: expiresAt, d: difficulty, n: randomBytes(16).toString('base64url') };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { challenge: `${payload}.${sign(apiSecret, payload)}`, difficulty, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

function refused(message: string): WebchatError {
  return new WebchatError(400, 'CHALLENGE_INVALID', message, { field: 'challenge' });
}

function readClaims(apiSecret: string, challenge: string): ChallengeClaims {
  const [payload, signature, extra] = challenge.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) throw refused('The challenge is malformed.');
  const expected = Buffer.from(sign(apiSecret, payload));
  const actual = Buffer.from(signature);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw refused('The challenge was not issued by this chat.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ChallengeClaims;
}

/**
 * Checks a solved challenge from `initWebchat`'s parameters: ours, not expired, issued to this
 * origin, and solved. Whether it was used before is start-guard.ts's job (it needs shared state).
 */
export function verifyChallenge(apiSecret: string, challenge: unknown, solution: unknown, origin: string, now = new Date()): SolvedChallenge {
  if (challenge === undefined) {
    throw new WebchatError(400, 'CHALLENGE_REQUIRED', 'A solved challenge is required: ask /challenge for one first.', { field: 'challenge' });
  }
  if (typeof challenge !== 'string' || challenge.length > 512) throw invalidField('challenge', 'challenge must be the text /challenge answered.');
  if (typeof solution !== 'string' || !SOLUTION_SHAPE.test(solution)) {
    throw invalidField('solution', 'solution must be the comma-separated numbers that solve the challenge.');
  }
  const claims = readClaims(apiSecret, challenge);
  if (claims.e * 1000 <= now.getTime()) {
    throw new WebchatError(400, 'CHALLENGE_EXPIRED', 'The challenge expired: ask /challenge for a new one.', { field: 'challenge' });
  }
  if (claims.o !== origin) throw refused('The challenge was issued to another website.');
  const bits = puzzleBits(claims.d);
  const solved = solution.split(',').every((counter, puzzle) => leadingZeroBits(createHash('sha256').update(proofInput(challenge, puzzle, counter)).digest()) >= bits);
  if (!solved) throw refused('The solution does not solve the challenge.');
  return { id: claims.n, expiresAt: claims.e };
}
