/**
 * The widget's calls to the backend: a challenge to solve, start a chat, renew its token, end it,
 * email its transcript. Contract: functions/challenge.ts, initWebchat.ts, refreshToken.ts, endChat.ts, emailTranscript.ts.
 */
import { isTransportDescriptor, type CaptchaDescription, type EmailTranscriptRequest, type EndChatAnswer, type EndChatRequest, type ErrorCode, type ChallengeAnswer, type InitWebchatRequest, type RefreshTokenAnswer, type RefreshTokenRequest } from '../../contract/api';
import type { ChatSession } from '../transport/chat-transport';
import { ApiError, isApiError, type UnknownServerCode } from './api-error';
import type { ChallengeSolver } from './solve-challenge';

/** Slightly above the Functions' own 10 s limit, so the backend's error answer arrives first. */
const TIMEOUT_MS = 15_000;

/** The calls the store needs; an interface so tests can substitute them. */
export interface WebchatApi {
  /**
   * Gets and solves a challenge ahead of `initWebchat`, while the visitor fills in the form;
   * resolves to the captcha the visitor must also solve, once a start was refused without it.
   */
  prepareStart(): Promise<CaptchaDescription | null>;
  /** `language`: the tag of the language the visitor reads, for the welcome (and all the chat sends later). */
  initWebchat(formData: Record<string, string>, captchaToken?: string, language?: string): Promise<ChatSession>;
  refreshToken(token: string, conversationSid: string): Promise<RefreshTokenAnswer>;
  /** Ends the visitor's chat (closing a closed one succeeds too). */
  endChat(token: string, conversationSid: string): Promise<EndChatAnswer>;
  /** Emails the transcript, or a code that proves the visitor's address (the chat view's transcript menu). */
  emailTranscript(body: EmailTranscriptRequest): Promise<Record<string, unknown>>;
}

type Fetch = typeof fetch;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** POSTs JSON to one of our Functions; answers the JSON object, or throws an ApiError with the Function's code. */
async function post(fetchImpl: Fetch, url: string, body: Record<string, never> | InitWebchatRequest | RefreshTokenRequest | EmailTranscriptRequest): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'The chat service could not be reached.');
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // Fall through: a non-JSON answer is reported with the status below.
  }
  if (!response.ok) {
    const error = isRecord(json) && isRecord(json.error) ? json.error : {};
    throw new ApiError(
      response.status,
      typeof error.code === 'string' ? (error.code as ErrorCode | UnknownServerCode) : 'HTTP_ERROR',
      typeof error.message === 'string' ? error.message : `The chat service answered ${response.status}.`,
      typeof error.field === 'string' ? error.field : undefined,
      typeof error.retryAfterSeconds === 'number' ? error.retryAfterSeconds : undefined,
    );
  }
  if (!isRecord(json)) throw new ApiError(response.status, 'BAD_RESPONSE', 'The chat service sent an unreadable answer.');
  return json;
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
  if (!isRecord(value)) return null;
  const { provider, siteKey, scriptUrl, global } = value;
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

/**
 * Creates the API client for the Functions at `serverUrl` (no trailing slash). `solver` gets the
 * proof of work, which the app loads as a chunk of its own (app/form/load-start-form.ts).
 */
export function createApi(serverUrl: string, solver: () => Promise<ChallengeSolver>, fetchImpl: Fetch = (input, init) => fetch(input, init)): WebchatApi {
  let prepared: Promise<SolvedChallenge> | null = null;
  /** The site's captcha is shown only once a start was refused for want of it (the deployment is under a flood). */
  let captchaNeeded = false;
  /** One start's key, kept across its attempts until a chat exists, so a retry finds what an earlier attempt created. */
  let start: { startId: string; attempt: number } | null = null;

  async function fetchAndSolve(): Promise<SolvedChallenge> {
    // The solver's chunk downloads while the challenge is on its way.
    const [solve, json]: [ChallengeSolver, Partial<Record<keyof ChallengeAnswer, unknown>>] = await Promise.all([solver(), post(fetchImpl, `${serverUrl}/challenge`, {})]);
    const { challenge, difficulty, expiresAt } = json;
    if (typeof challenge !== 'string' || typeof difficulty !== 'number' || typeof expiresAt !== 'string') {
      throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
    }
    return { challenge, solution: await solve(challenge, difficulty), expiresAt: Date.parse(expiresAt), captcha: captchaOf(json.captcha) };
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
    emailTranscript: (body) => post(fetchImpl, `${serverUrl}/emailTranscript`, body),
    async prepareStart() {
      const { captcha } = await (prepared ?? prepare());
      return captchaNeeded ? captcha : null;
    },
    async initWebchat(formData, captchaToken, language) {
      const attempt = async () => {
        start = start === null ? { startId: randomKey(), attempt: 1 } : { ...start, attempt: start.attempt + 1 };
        const body: InitWebchatRequest = { formData, ...(captchaToken === undefined ? {} : { captchaToken }), ...(language === undefined ? {} : { language }), ...start, ...(await takeChallenge()) };
        return post(fetchImpl, `${serverUrl}/initWebchat`, body);
      };
      let json: Record<string, unknown>;
      try {
        json = await attempt();
      } catch (error) {
        if (!isApiError(error)) throw error;
        // The store shows the form again, which prepares the next start: that answers the captcha now.
        captchaNeeded ||= error.code === 'CAPTCHA_REQUIRED';
        if (!STALE_CHALLENGE.has(error.code)) throw error;
        json = await attempt();
      }
      start = null;
      const { token, conversationSid, identity, expiration, transport } = json;
      if (
        typeof token !== 'string' ||
        typeof conversationSid !== 'string' ||
        typeof identity !== 'string' ||
        typeof expiration !== 'string' ||
        !isTransportDescriptor(transport)
      ) {
        throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
      }
      return { token, conversationSid, identity, expiration, transport };
    },
    async refreshToken(token, conversationSid) {
      const body: RefreshTokenRequest = { token, conversationSid };
      const json = await post(fetchImpl, `${serverUrl}/refreshToken`, body);
      if (typeof json.token !== 'string' || typeof json.expiration !== 'string') {
        throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
      }
      return { token: json.token, expiration: json.expiration };
    },
    async endChat(token, conversationSid) {
      const body: EndChatRequest = { token, conversationSid }; // the same shape as refreshToken's
      const json = await post(fetchImpl, `${serverUrl}/endChat`, body);
      if (json.state !== 'closed') throw new ApiError(200, 'BAD_RESPONSE', 'The chat service sent an incomplete answer.');
      return { state: 'closed' };
    },
  };
}
