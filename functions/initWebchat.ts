/**
 * POST /initWebchat: starts a web chat with Flex for a visitor.
 *
 * Variables: ACCOUNT_SID, AUTH_TOKEN, API_KEY, API_SECRET, ADDRESS_SID, CONVERSATIONS_SERVICE_SID,
 * ALLOWED_ORIGINS, and optionally TOKEN_TTL_SECONDS, WELCOME_MESSAGE, CHALLENGE_DIFFICULTY,
 * MAX_NEW_CHATS_PER_MINUTE, SYNC_SERVICE_SID, CAPTCHA_*, VISITOR_IDENTITY_*, BUSINESS_HOURS, BUSINESS_CLOSED_DATES,
 * CHAT_CLOSED (see .env.example).
 * Request: JSON `{formData: {friendlyName?, email?, query?, ...extra fields}, challenge, solution,
 * captchaToken?, startId?, attempt?, identityToken?, language?}` from an allowed origin, with a challenge from /challenge, its
 * solution, the captcha's token when one is configured, and this start's secret key with the
 * attempt's number (a retry may carry on with a chat an earlier attempt created: earlier-start.ts),
 * and the language the visitor reads (the welcome's: welcome.ts).
 * With the site's `identityToken` the name and email are the token's, and a visitor whose chat is
 * still open (on any device) carries on in it (signed-in-visitor.ts).
 * Answer: 200 `{token, conversationSid, identity, expiration, transport}`, or `{error: {code, message, field?}}`;
 * while the chat is closed, 409 `CHAT_CLOSED` with `error.availability` (when it opens).
 */
import type { InitWebchatAnswer } from '../contract/api';
import { verifyCaptcha } from './lib/captcha';
import { verifyChallenge } from './lib/challenge';
import { jsonEndpoint } from './lib/handler';
import { parsePreEngagement } from './lib/pre-engagement';
import { carryOn, openChatOf, rememberChat, signedInVisitor, verifiedFields, withVerifiedIdentity } from './lib/signed-in-visitor';
import { guardStart } from './lib/start-guard';
import { requireOpen } from './lib/open-now';
import { parseStartKey } from './lib/start-key';
import { startWebchat } from './lib/start-webchat';
import { transportFor } from './lib/transport';
import { parseLanguage } from './lib/welcome';

export const handler = jsonEndpoint<InitWebchatAnswer>('initWebchat', async ({ config, env, params, origin, client, deadline, log }) => {
  requireOpen(env);
  const visitor = await signedInVisitor(env, config, params.identityToken);
  const form = withVerifiedIdentity(parsePreEngagement(params), visitor);
  const language = parseLanguage(params.language);
  const startKey = parseStartKey(params, config.apiSecret);
  const solved = verifyChallenge(config.apiSecret, params.challenge, params.solution, origin);
  const open = visitor === null ? null : await openChatOf(client, config, visitor);
  if (open !== null) return { ...(await carryOn(client, config, open, form)), transport: transportFor(config) };
  const allowance = await verifyCaptcha(config, params.captchaToken, origin, deadline);
  await guardStart(client, config, solved, allowance, log);
  const chat = await startWebchat(client, config, form, startKey, origin, deadline, log, verifiedFields(visitor), language);
  if (visitor !== null) await rememberChat(client, config, visitor, chat, log);
  return { ...chat, transport: transportFor(config) };
});
