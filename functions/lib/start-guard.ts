/**
 * What stops a script from starting chats in bulk, across every instance of the Function (they
 * share no memory): each solved challenge may start one chat, and the deployment starts at most
 * `maxNewChatsPerMinute` chats a minute. Both are counted in Twilio Sync, Twilio's own shared store.
 *
 * The ceiling protects the bill (each chat is a Flex task), not availability: Functions cannot see
 * a caller's address, so a flood that solves challenges uses up the minute for everyone. The
 * challenge's work and the origin binding are what make such a flood expensive.
 */
import type { Twilio } from 'twilio';
import type { FunctionsConfig } from './config';
import { WebchatError } from './errors';
import { callTwilio, twilioStatus } from './twilio-call';
import type { SolvedChallenge } from './challenge';

type SyncService = ReturnType<Twilio['sync']['v1']['services']>;

const USED_CHALLENGES = 'webchat-used-challenges';
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

function busy(error: unknown): never {
  if (twilioStatus(error) === 429) {
    throw new WebchatError(429, 'TOO_MANY_CHATS', 'Many chats are starting right now. Please try again in a moment.', {
      retryAfterSeconds: BUSY_RETRY_SECONDS,
    });
  }
  throw error;
}

/** Records the challenge as used; a second use is refused (409). */
export async function claimChallenge(sync: SyncService, challenge: SolvedChallenge, now: Date): Promise<void> {
  // Kept a minute past the challenge's own expiry, after which the challenge is refused anyway.
  const itemTtl = Math.max(60, challenge.expiresAt - Math.floor(now.getTime() / 1000) + 60);
  try {
    await withCollection(
      () => sync.syncMaps(USED_CHALLENGES).syncMapItems.create({ key: challenge.id, data: {}, itemTtl }),
      () => sync.syncMaps.create({ uniqueName: USED_CHALLENGES }),
      'claim challenge',
    );
  } catch (error) {
    if (twilioStatus(error) === 409) {
      throw new WebchatError(409, 'CHALLENGE_USED', 'This challenge was used already: ask /challenge for a new one.', { field: 'challenge' });
    }
    busy(error);
  }
}

/**
 * Counts this start in the current minute's Sync List: the index Sync gives the new item is the
 * number of starts before it, with no read-modify-write race between instances.
 */
export async function countStart(sync: SyncService, config: Pick<FunctionsConfig, 'maxNewChatsPerMinute'>, now: Date): Promise<void> {
  const minute = Math.floor(now.getTime() / 60_000);
  const uniqueName = `webchat-starts-${minute}`;
  let index: number;
  try {
    ({ index } = await withCollection(
      () => sync.syncLists(uniqueName).syncListItems.create({ data: {} }),
      // The list outlives its minute briefly, then Sync deletes it.
      () => sync.syncLists.create({ uniqueName, ttl: 180 }),
      'count chat start',
    ));
  } catch (error) {
    busy(error);
  }
  if (index >= config.maxNewChatsPerMinute) {
    const retryAfterSeconds = 60 - Math.floor((now.getTime() % 60_000) / 1000);
    throw new WebchatError(429, 'TOO_MANY_CHATS', `Many chats are starting right now. Please try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    });
  }
}

/**
 * Both checks before a chat starts, one after the other: a replayed challenge must not count
 * toward the ceiling, or one solved challenge, replayed, would use up the minute for everyone.
 */
export async function guardStart(client: Twilio, config: FunctionsConfig, challenge: SolvedChallenge, now = new Date()): Promise<void> {
  const sync = client.sync.v1.services(config.syncServiceSid);
  await claimChallenge(sync, challenge, now);
  await countStart(sync, config, now);
}
