/** What every Sync write of the Functions shares: a collection made on first use, and Sync's rate limit. */
import type { Twilio } from 'twilio';
import { WebchatError } from './errors';
import { callTwilio, twilioStatus } from './twilio-call';

export type SyncService = ReturnType<Twilio['sync']['v1']['services']>;

/** Sync's own rate limit is per second: a second later the write may pass. */
const BUSY_RETRY_SECONDS = 1;

/** Runs `write`, first creating its collection when Sync says it does not exist (404). */
export async function withCollection<T>(write: () => Promise<T>, create: () => Promise<unknown>, operation: string): Promise<T> {
  try {
    return await callTwilio(operation, write);
  } catch (error) {
    if (twilioStatus(error) !== 404) throw error;
  }
  try {
    await callTwilio(`create ${operation} collection`, create);
  } catch (error) {
    // Another instance created it first: that is as good.
    if (twilioStatus(error) !== 409) throw error;
  }
  return callTwilio(operation, write);
}

/** Sync's 429 (54009, too many writes to one object) is the deployment being busy: the caller may retry in a second. */
export function rethrowBusy(error: unknown): never {
  if (twilioStatus(error) === 429) {
    throw new WebchatError(429, 'TOO_MANY_CHATS', 'Many chats are starting right now. Please try again in a moment.', {
      retryAfterSeconds: BUSY_RETRY_SECONDS,
    });
  }
  throw error;
}
