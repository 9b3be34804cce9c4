/**
 * POST /initWebchat: starts a web chat with Flex for a visitor.
 *
 * Variables: ACCOUNT_SID, AUTH_TOKEN, API_KEY, API_SECRET, ADDRESS_SID, CONVERSATIONS_SERVICE_SID,
 * ALLOWED_ORIGINS, and optionally TOKEN_TTL_SECONDS, WELCOME_MESSAGE (see .env.example).
 * Request: JSON `{formData: {friendlyName?, email?, query?, ...extra fields}}` from an allowed origin.
 * Answer: 200 `{token, conversationSid, identity, expiration, transport}`, or `{error: {code, message, field?}}`.
 */
import { jsonEndpoint } from './lib/handler';
import { parsePreEngagement } from './lib/pre-engagement';
import { startWebchat } from './lib/start-webchat';
import { transportFor } from './lib/transport';

export const handler = jsonEndpoint('initWebchat', async ({ config, event, client, log }) => {
  const form = parsePreEngagement(event);
  const chat = await startWebchat(client, config, form, log);
  return { ...chat, transport: transportFor(config) };
});
