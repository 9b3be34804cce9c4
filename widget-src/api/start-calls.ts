/**
 * The calls that start a chat (or leave a message while closed): get and solve the proof-of-work
 * challenge, then `initWebchat` (or `offlineMessage`) with the form, the solution, the start key and
 * the captcha's token. In the start-form chunk with the
 * solver (app/form/start-form-chunk.ts), so a visitor who resumes a chat never downloads them.
 * Contract: functions/challenge.ts, initWebchat.ts, offlineMessage.ts.
 */
import type { CaptchaDescription, ChallengeAnswer, InitWebchatRequest } from '../../contract/api';
import type { OfflineMessageRequest } from '../../contract/contact-center-api';
import { ApiError, isApiError } from './api-error';
import type { Call, WebchatApi } from './client';
import { solveChallenge } from './solve-challenge';

/** What the app's client (api/client.ts) asks of these calls. */
export interface StartCalls {
  prepareStart: WebchatApi['prepareStart'];
  /** Posts a start with its key across attempts, once more with a fresh challenge when the first was stale; answers the Function's JSON. */
  start(fn: 'initWebchat' | 'offlineMessage', request: Omit<InitWebchatRequest, 'challenge' | 'solution'> | Omit<OfflineMessageRequest, 'challenge' | 'solution'>): Promise<Record<string, unknown>>;
}

interface SolvedChallenge {
  challenge: string;
  solution: string;
  /** Epoch ms. */
  expiresAt: number;
  captcha: CaptchaDescription | null;
}

const PROVIDERS: ReadonlySet<unknown> = new Set<CaptchaDescription['provider']>(['turnstile', 'hcaptcha', 'recaptcha']);

function captchaOf(value: unknown): CaptchaDescription | null {
  if (typeof value !== 'object' || value === null) return null;
  const { provider, siteKey, scriptUrl, global } = value as Record<string, unknown>;
  return PROVIDERS.has(provider) && typeof siteKey === 'string' && typeof scriptUrl === 'string' && typeof global === 'string'
    ? { provider: provider as CaptchaDescription['provider'], siteKey, scriptUrl, global }
    : null;
}

/** A challenge this close to expiry could lapse on its way: a fresh one is solved instead. */
const CHALLENGE_MARGIN_MS = 30_000;
/** Refusals that a fresh challenge cures (the first expired, was used, or came from an old deployment secret). */
const STALE_CHALLENGE = new Set(['CHALLENGE_EXPIRED', 'CHALLENGE_USED', 'CHALLENGE_INVALID']);

/** The start's secret: 192 random bits, base64 (32 characters, no padding). */
function randomKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))));
}

/** The start calls over `call` (the app client's POST to our Functions); one set per widget, as it keeps the prepared challenge. */
export function startCalls(call: Call): StartCalls {
  let prepared: Promise<SolvedChallenge> | null = null;
  /** The site's captcha is shown only once a start was refused for want of it (the deployment is under a flood). */
  let captchaNeeded = false;
  /** One start's key, kept across its attempts until a chat exists, so a retry finds what an earlier attempt created. */
  let start: { startId: string; attempt: number } | null = null;

  async function fetchAndSolve(): Promise<SolvedChallenge> {
    const json: Partial<Record<keyof ChallengeAnswer, unknown>> = await call('challenge', {});
    const { challenge, difficulty, expiresAt } = json;
    if (typeof challenge !== 'string' || typeof difficulty !== 'number' || typeof expiresAt !== 'string') {
      throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
    }
    return { challenge, solution: await solveChallenge(challenge, difficulty), expiresAt: Date.parse(expiresAt), captcha: captchaOf(json.captcha) };
  }

  function prepare(): Promise<SolvedChallenge> {
    const solving = fetchAndSolve();
    // A failed attempt is not kept: the next start asks again.
    solving.catch(() => {
      if (prepared === solving) prepared = null;
    });
    prepared = solving;
    return solving;
  }

  /** The prepared challenge if it is still good, else a fresh one; each is used once. */
  async function takeChallenge(): Promise<Pick<SolvedChallenge, 'challenge' | 'solution'>> {
    const pending = prepared ?? prepare();
    prepared = null;
    let ready = await pending.catch(() => fetchAndSolve());
    if (ready.expiresAt - Date.now() <= CHALLENGE_MARGIN_MS) ready = await fetchAndSolve();
    return { challenge: ready.challenge, solution: ready.solution };
  }

  return {
    async prepareStart() {
      const { captcha } = await (prepared ?? prepare());
      return captchaNeeded ? captcha : null;
    },
    async start(fn, request) {
      const attempt = async () => {
        start = start === null ? { startId: randomKey(), attempt: 1 } : { ...start, attempt: start.attempt + 1 };
        return call(fn, { ...request, ...start, ...(await takeChallenge()) });
      };
      let json: Record<string, unknown>;
      try {
        json = await attempt();
      } catch (error) {
        if (!isApiError(error)) throw error;
        // The form shows again, which prepares the next start: that answers the captcha now.
        captchaNeeded ||= error.code === 'CAPTCHA_REQUIRED';
        if (!STALE_CHALLENGE.has(error.code)) throw error;
        json = await attempt();
      }
      start = null;
      return json;
    },
  };
}
