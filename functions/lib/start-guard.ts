/**
 * What stops a script from starting chats in bulk, across every instance of the Function (they
 * share no memory): each solved challenge may start one chat, and the deployment starts at most
 * `maxNewChatsPerMinute` chats in any 60 seconds (start-ceiling.ts). Both are kept in Twilio Sync,
 * Twilio's own shared store.
 *
 * Functions cannot see a caller's address, so a flood that solves challenges can use up the
 * proof of work's allowance for everyone. Without a captcha the ceiling then protects the bill (each
 * chat is a Flex task) but not availability; with one, visitors who pass it draw on an allowance
 * the flood cannot reach.
 */
import type { Twilio } from 'twilio';
import type { FunctionsConfig } from './config';
import { WebchatError } from './errors';
import { countAdmitted, countRefused } from './flood-report';
import type { Logger } from './logger';
import { knownFull, takeSlot, type Allowance } from './start-ceiling';
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

function refuse(config: FunctionsConfig, allowance: Allowance, seconds: number, log: Logger, now: Date): never {
  countRefused(config, log, now);
  if (allowance === 'proof' && config.captcha !== null) {
    throw new WebchatError(429, 'CAPTCHA_REQUIRED', 'Many chats are starting right now: please confirm you are not a robot, then send again.', {
      field: 'captchaToken',
    });
  }
  throw new WebchatError(429, 'TOO_MANY_CHATS', `Many chats are starting right now. Please try again in ${seconds} seconds.`, {
    retryAfterSeconds: seconds,
  });
}

/**
 * Both checks before a chat starts, after every check that needs no shared state. An allowance
 * this instance knows to be full refuses at once, with no Sync call. Otherwise the challenge is
 * claimed first, so a replayed challenge never takes a slot, or one solved challenge, replayed,
 * would use up the window for everyone; then the start takes a slot (start-ceiling.ts).
 */
export async function guardStart(
  client: Twilio,
  config: FunctionsConfig,
  challenge: SolvedChallenge,
  allowance: Allowance,
  log: Logger,
  now = new Date(),
): Promise<void> {
  const known = knownFull(config, allowance, now);
  if (known !== null) refuse(config, allowance, known, log, now);
  const sync = client.sync.v1.services(config.syncServiceSid);
  await claimChallenge(sync, challenge, now);
  const wait = await takeSlot(sync, config, allowance, now);
  if (wait !== null) refuse(config, allowance, wait, log, now);
  countAdmitted();
}
