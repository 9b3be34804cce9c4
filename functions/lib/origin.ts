import type { FunctionsConfig } from './config';
import { WebchatError } from './errors';

/**
 * Twilio answers CORS preflights itself with `*`, so the allow-list can only be enforced here, on the
 * real request. Returns the origin to echo in `Access-Control-Allow-Origin`.
 */
export function checkOrigin(origin: string | undefined, allowed: FunctionsConfig['allowedOrigins']): string {
  if (allowed === '*') return origin ?? '*';
  if (origin === undefined || origin === '') {
    throw new WebchatError(403, 'ORIGIN_NOT_ALLOWED', 'The request has no Origin header; only allowed web pages may start a chat.');
  }
  // Origins compare exactly on scheme, host and port; browsers send them lower-cased without a path.
  if (!allowed.includes(origin)) {
    throw new WebchatError(403, 'ORIGIN_NOT_ALLOWED', `The origin ${origin} is not allowed to use this chat.`);
  }
  return origin;
}
