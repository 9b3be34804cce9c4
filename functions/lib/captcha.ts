/**
 * An optional captcha on top of the built-in proof of work: Cloudflare Turnstile, hCaptcha or
 * reCAPTCHA (v2), chosen by the site owner. The widget renders the provider's own widget; the token
 * it yields is verified here, server-side, with the secret key. All three share one API shape:
 * a script defining `<global>.render(element, {sitekey, callback})` and a `siteverify` endpoint that
 * takes `secret` and `response` as a form and answers `{success, hostname, "error-codes"}`.
 * Against the emulator (local runs and tests) both are the emulator's stand-ins.
 */
import type { CaptchaDescription } from '../../contract/api';
import type { CaptchaConfig, FunctionsConfig } from './config';
import type { Deadline } from './deadline';
import { invalidField, WebchatError } from './errors';
import type { Allowance } from './start-ceiling';

interface Provider {
  script: string;
  verify: string;
  /** The global the script defines. */
  global: string;
}

const PROVIDERS: Readonly<Record<CaptchaConfig['provider'], Provider>> = {
  turnstile: {
    script: 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit',
    verify: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    global: 'turnstile',
  },
  hcaptcha: { script: 'https://js.hcaptcha.com/1/api.js?render=explicit', verify: 'https://api.hcaptcha.com/siteverify', global: 'hcaptcha' },
  recaptcha: {
    script: 'https://www.google.com/recaptcha/api.js?render=explicit',
    verify: 'https://www.google.com/recaptcha/api/siteverify',
    global: 'grecaptcha',
  },
};

type CaptchaSettings = Pick<FunctionsConfig, 'captcha' | 'apiBaseUrl'>;

export function captchaForWidget(config: CaptchaSettings): CaptchaDescription | undefined {
  if (config.captcha === null) return undefined;
  const { provider, siteKey } = config.captcha;
  const { script, global } = PROVIDERS[provider];
  const scriptUrl = config.apiBaseUrl === null ? script : `${config.apiBaseUrl}/__captcha/api.js`;
  return { provider, siteKey, scriptUrl, global };
}

/** The largest token any of the three issues is about 2 KB; this leaves room and refuses junk early. */
const MAX_TOKEN_LENGTH = 4096;

/**
 * Verifies the visitor's captcha token, when one is sent, with the provider, and that it was solved
 * on the page's own host. Answers which allowance the start draws on: the captcha's once it passed;
 * the proof of work's without a token (the widget shows the captcha only once a start was refused
 * for want of it) or when no captcha is configured.
 */
export async function verifyCaptcha(config: CaptchaSettings, token: unknown, origin: string, deadline: Deadline): Promise<Allowance> {
  if (config.captcha === null || token === undefined) return 'proof';
  if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) {
    throw invalidField('captchaToken', 'Please confirm you are not a robot first.');
  }
  const url = config.apiBaseUrl === null ? PROVIDERS[config.captcha.provider].verify : `${config.apiBaseUrl}/__captcha/siteverify`;
  let answer: { success?: unknown; hostname?: unknown };
  try {
    const response = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ secret: config.captcha.secretKey, response: token }),
      signal: AbortSignal.timeout(deadline.requestTimeoutMs()),
    });
    answer = (await response.json()) as typeof answer;
  } catch {
    throw new WebchatError(503, 'CAPTCHA_UNAVAILABLE', 'The robot check could not be verified right now. Please try again.');
  }
  const host = origin === '*' ? null : new URL(origin).hostname;
  if (answer.success !== true || (host !== null && typeof answer.hostname === 'string' && answer.hostname !== host)) {
    throw new WebchatError(403, 'CAPTCHA_FAILED', 'The robot check did not pass. Please try it again.', { field: 'captchaToken' });
  }
  return 'captcha';
}
