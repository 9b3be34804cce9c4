/**
 * POST /offlineMessage: a message a visitor leaves while the chat is closed; it reaches Flex as a
 * TaskRouter task (lib/offline-message.ts). Accepted at any hour, so a message finished just after
 * opening time is not lost.
 *
 * Variables: as initWebchat, and optionally OFFLINE_WORKFLOW_SID (see .env.example).
 * Request: JSON `{formData: {friendlyName, email, query}, challenge, solution, captchaToken?, startId?,
 * attempt?, locale?}` from an allowed origin, with a solved challenge as initWebchat takes it; a
 * retry with the same `startId` never leaves the message twice.
 * Answer: 200 `{received: true}` once the task exists, or `{error: {code, message, field?}}`.
 */
import type { OfflineMessageAnswer } from '../contract/contact-center-api';
import { verifyCaptcha } from './lib/captcha';
import { verifyChallenge } from './lib/challenge';
import { invalidField } from './lib/errors';
import { jsonEndpoint } from './lib/handler';
import { leaveOfflineMessage } from './lib/offline-message';
import { parsePreEngagement } from './lib/pre-engagement';
import { guardStart } from './lib/start-guard';
import { parseStartKey } from './lib/start-key';

function parseLocale(value: unknown): string | null {
  if (value === undefined) return null;
  try {
    if (typeof value === 'string' && value.length <= 35) return Intl.getCanonicalLocales(value)[0] ?? null;
  } catch {
    // Answered below, as any other bad value.
  }
  throw invalidField('locale', 'locale must be a language tag like en or pt-BR.');
}

export const handler = jsonEndpoint<OfflineMessageAnswer>('offlineMessage', async ({ config, env, params, origin, client, deadline, log }) => {
  const { locale, ...start } = params;
  const language = parseLocale(locale);
  const form = parsePreEngagement(start);
  const { friendlyName, email, query } = form;
  if (friendlyName === null) throw invalidField('formData.friendlyName', 'Please tell us your name.');
  if (email === null) throw invalidField('formData.email', 'Please give the email address we should answer.');
  if (query === null) throw invalidField('formData.query', 'Please write your message.');
  const key = parseStartKey(params, config.apiSecret);
  const solved = verifyChallenge(config.apiSecret, params.challenge, params.solution, origin);
  const allowance = await verifyCaptcha(config, params.captchaToken, origin, deadline);
  await guardStart(client, config, solved, allowance, log);
  return leaveOfflineMessage(client, config, env, { form: { ...form, friendlyName, email, query }, locale: language, origin, key }, log);
});
