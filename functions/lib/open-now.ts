/**
 * The availability every Function that starts something checks on the server: a browser that
 * believes the chat is open (a cached webchatConfig, a page left open overnight, a script) is
 * refused with 409 CHAT_CLOSED, saying when it opens.
 */
import type { Availability } from '../../contract/contact-center-api';
import { availabilityAt } from './availability';
import { readOpeningHours } from './business-hours';
import type { Environment } from './config';
import { WebchatError } from './errors';

export function availabilityNow(env: Environment, now = new Date()): Availability {
  return availabilityAt(readOpeningHours(env), now);
}

export function requireOpen(env: Environment, now = new Date()): void {
  const availability = availabilityNow(env, now);
  if (availability.open) return;
  const when = availability.opensAt === undefined ? '' : ` It opens at ${availability.opensAt}.`;
  throw new WebchatError(409, 'CHAT_CLOSED', `The chat is closed now.${when} You can leave a message with /offlineMessage.`, { availability });
}
