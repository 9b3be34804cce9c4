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
import { rethrowBusy, withCollection, type SyncService } from './sync-collection';
import { twilioStatus } from './twilio-call';
import type { SolvedChallenge } from './challenge';

const USED_CHALLENGES = 'webchat-used-challenges';

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
    rethrowBusy(error);
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
    rethrowBusy(error);
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
