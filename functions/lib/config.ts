import { DEFAULT_WELCOME_MESSAGE, parseWelcomeMessage } from './welcome';
import type { CaptchaProvider } from '../../contract/api';
import { canonicalOrigin } from '../../contract/origin';
import { ConfigurationError } from './errors';

/** The environment as a Function sees it (`context` holds the variables as strings). */
export type Environment = Readonly<Record<string, unknown>>;

/** The Functions' settings, read from the service's environment variables (see .env.example). */
export interface FunctionsConfig {
  accountSid: string;
  authToken: string;
  apiKey: string;
  apiSecret: string;
  addressSid: string;
  conversationsServiceSid: string;
  /** Exact origins (`scheme://host[:port]`), or `'*'` when written explicitly. */
  allowedOrigins: readonly string[] | '*';
  tokenTtlSeconds: number;
  /** How long after expiry a token may still be renewed. */
  refreshGraceSeconds: number;
  /** The Concierge's welcome: one text, or a JSON map by language (welcome.ts); `{friendlyName}` is replaced; empty means no welcome. */
  welcomeMessage: string;
  /** Local development only: the emulator that stands in for Twilio's cloud. */
  apiBaseUrl: string | null;
  /** Zero bits a visitor's browser must find before a chat starts (each one doubles the work). */
  challengeDifficulty: number;
  /** Deployment-wide ceiling on chats started per minute, counted in Twilio Sync. */
  maxNewChatsPerMinute: number;
  /** The Sync service holding the ceiling's count and used challenges; `default` is the account's own. */
  syncServiceSid: string;
  /** Tokens are not renewed once the conversation is older than this. */
  sessionMaxAgeSeconds: number;
  /** A captcha every visitor solves before a chat starts, when the site owner set one up. */
  captcha: CaptchaConfig | null;
}

export const CAPTCHA_PROVIDERS: readonly CaptchaProvider[] = ['turnstile', 'hcaptcha', 'recaptcha'];

export interface CaptchaConfig {
  provider: CaptchaProvider;
  siteKey: string;
  secretKey: string;
}


const SID_SHAPE = /^[A-Z]{2}[0-9a-f]{32}$/;

/** What each SID prefix is, so a SID pasted into the wrong variable gets an error that says so. */
const SID_KINDS: Readonly<Record<string, string>> = {
  AC: 'an Account SID',
  SK: 'an API Key SID',
  IG: 'a Flex Conversations Address SID',
  IS: 'a Conversations Service SID',
  CH: 'a Conversation SID',
  FO: 'a Flex Flow SID',
  FW: 'a Studio Flow SID',
};

/** A variable's trimmed value, or undefined when unset or blank. */
export function text(env: Environment, name: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ConfigurationError(name, 'must be a string');
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function required(env: Environment, name: string): string {
  const value = text(env, name);
  if (value === undefined) throw new ConfigurationError(name, 'is not set');
  return value;
}

export function sid(env: Environment, name: string, prefix: string, kind = SID_KINDS[prefix] ?? 'a SID'): string {
  const value = required(env, name);
  if (!SID_SHAPE.test(value) || !value.startsWith(prefix)) {
    const actual = SID_KINDS[value.slice(0, 2)];
    const wrongKind = actual && SID_SHAPE.test(value) ? ` (this looks like ${actual})` : '';
    throw new ConfigurationError(
      name,
      `must be ${kind}: "${prefix}" followed by 32 hex characters${wrongKind}`,
    );
  }
  return value;
}

export function integer(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigurationError(name, `must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function origins(env: Environment): readonly string[] | '*' {
  const name = 'ALLOWED_ORIGINS';
  const entries = required(env, name).split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 1 && entries[0] === '*') return '*';
  return entries.map((entry) => {
    const origin = entry === '*' ? null : canonicalOrigin(entry);
    if (origin === null) {
      throw new ConfigurationError(
        name,
        `has "${entry}", which is not an origin like https://www.example.com ("*" is allowed only on its own)`,
      );
    }
    return origin;
  });
}

function syncService(env: Environment): string {
  const value = text(env, 'SYNC_SERVICE_SID');
  return value === undefined || value === 'default' ? 'default' : sid(env, 'SYNC_SERVICE_SID', 'IS', 'a Sync Service SID or "default"');
}

function captcha(env: Environment): CaptchaConfig | null {
  const provider = text(env, 'CAPTCHA_PROVIDER');
  if (provider === undefined) return null;
  const known = CAPTCHA_PROVIDERS.find((name) => name === provider.toLowerCase());
  if (known === undefined) throw new ConfigurationError('CAPTCHA_PROVIDER', `must be one of ${CAPTCHA_PROVIDERS.join(', ')} (or empty for none)`);
  return { provider: known, siteKey: required(env, 'CAPTCHA_SITE_KEY'), secretKey: required(env, 'CAPTCHA_SECRET_KEY') };
}

function baseUrl(env: Environment): string | null {
  const name = 'TWILIO_API_BASE_URL';
  const value = text(env, name);
  if (value === undefined) return null;
  const origin = canonicalOrigin(value);
  if (origin === null) throw new ConfigurationError(name, 'must be an origin like http://127.0.0.1:3001');
  return origin;
}

function welcomeMessage(env: Environment): string {
  const value = typeof env.WELCOME_MESSAGE === 'string' ? env.WELCOME_MESSAGE.trim() : DEFAULT_WELCOME_MESSAGE;
  parseWelcomeMessage(value);
  return value;
}

/**
 * Reads and validates every setting at once, so a Function fails on its first request with an
 * error naming the variable, not halfway through creating a chat.
 */
export function readConfig(env: Environment): FunctionsConfig {
  const authToken = required(env, 'AUTH_TOKEN');
  if (authToken.length !== 32) throw new ConfigurationError('AUTH_TOKEN', 'must be 32 characters long');
  return {
    accountSid: sid(env, 'ACCOUNT_SID', 'AC'),
    authToken,
    apiKey: sid(env, 'API_KEY', 'SK'),
    apiSecret: required(env, 'API_SECRET'),
    addressSid: sid(env, 'ADDRESS_SID', 'IG'),
    conversationsServiceSid: sid(env, 'CONVERSATIONS_SERVICE_SID', 'IS'),
    allowedOrigins: origins(env),
    tokenTtlSeconds: integer(env, 'TOKEN_TTL_SECONDS', 3600, 300, 86400),
    refreshGraceSeconds: integer(env, 'TOKEN_REFRESH_GRACE_SECONDS', 600, 0, 86400),
    welcomeMessage: welcomeMessage(env),
    apiBaseUrl: baseUrl(env),
    challengeDifficulty: integer(env, 'CHALLENGE_DIFFICULTY', 11, 1, 24),
    maxNewChatsPerMinute: integer(env, 'MAX_NEW_CHATS_PER_MINUTE', 10, 1, 10000),
    syncServiceSid: syncService(env),
    sessionMaxAgeSeconds: integer(env, 'SESSION_MAX_AGE_SECONDS', 86400, 300, 2592000),
    captcha: captcha(env),
  };
}
