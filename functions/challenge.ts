/**
 * POST /challenge: a proof-of-work challenge the widget solves while the visitor fills in the form,
 * then sends with `initWebchat`.
 *
 * Variables: as initWebchat, including CHALLENGE_DIFFICULTY and CAPTCHA_* (see .env.example).
 * Request: JSON `{}` from an allowed origin.
 * Answer: 200 `{challenge, difficulty, expiresAt, captcha?: {provider, siteKey, scriptUrl, global}}`
 * (captcha when the site owner configured one), or `{error: {code, message, field?}}`.
 */
import type { ChallengeAnswer } from '../contract/api';
import { captchaForWidget } from './lib/captcha';
import { issueChallenge } from './lib/challenge';
import { invalidRequest } from './lib/errors';
import { jsonEndpoint } from './lib/handler';

export const handler = jsonEndpoint<ChallengeAnswer>('challenge', async ({ config, params, origin }) => {
  const unknown = Object.keys(params)[0];
  if (unknown !== undefined) throw invalidRequest(`Unknown parameter "${unknown.slice(0, 40)}": send {}.`);
  return { ...issueChallenge(config.apiSecret, origin, config.challengeDifficulty), captcha: captchaForWidget(config) };
});
