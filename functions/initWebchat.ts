/**
 * POST /initWebchat: starts a web chat with Flex for a visitor.
 *
 * Variables: ACCOUNT_SID, AUTH_TOKEN, API_KEY, API_SECRET, ADDRESS_SID, CONVERSATIONS_SERVICE_SID,
 * ALLOWED_ORIGINS, and optionally TOKEN_TTL_SECONDS, WELCOME_MESSAGE, CHALLENGE_DIFFICULTY,
 * MAX_NEW_CHATS_PER_MINUTE, SYNC_SERVICE_SID, CAPTCHA_* (see .env.example).
 * Request: JSON `{formData: {friendlyName?, email?, query?, ...extra fields}, challenge, solution,
 * captchaToken?, startId?, attempt?, language?}` from an allowed origin, with a challenge from /challenge, its
 * solution, the captcha's token when one is configured, and this start's secret key with the
 * attempt's number (a retry may carry on with a chat an earlier attempt created: earlier-start.ts),
 * and the language the visitor reads (the welcome's: welcome.ts).
 * Answer: 200 `{token, conversationSid, identity, expiration, transport}`, or `{error: {code, message, field?}}`.
 */
import type { InitWebchatAnswer } from '../contract/api';
import { verifyCaptcha } from './lib/captcha';
import { verifyChallenge } from './lib/challenge';
import { jsonEndpoint } from './lib/handler';
import { parsePreEngagement } from './lib/pre-engagement';
import { guardStart } from './lib/start-guard';
import { parseStartKey } from './lib/start-key';
import { startWebchat } from './lib/start-webchat';
import { transportFor } from './lib/transport';
import { parseLanguage } from './lib/welcome';

export const handler = jsonEndpoint<InitWebchatAnswer>('initWebchat', async ({ config, params, origin, client, deadline, log }) => {
  const form = parsePreEngagement(params);
  const language = parseLanguage(params.language);
  const startKey = parseStartKey(params, config.apiSecret);
  const solved = verifyChallenge(config.apiSecret, params.challenge, params.solution, origin);
  const allowance = await verifyCaptcha(config, params.captchaToken, origin, deadline);
  await guardStart(client, config, solved, allowance, log);
  const chat = await startWebchat(client, config, form, startKey, origin, deadline, log, language);
  return { ...chat, transport: transportFor(config) };
});
