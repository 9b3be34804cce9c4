/**
 * The addresses proven to be a chat's visitor's own: the one place the transcript email asks
 * whether it may write to an address. Both proofs end here: a visitor proves an address by typing
 * the code sent to it (email-codes.ts), or a site that signs its visitors in vouches for its user's
 * address when their chat starts (signed-in-visitor.ts, after checking the site's signature).
 * Kept in Twilio Sync as keyed hashes (no address in clear), apart from the conversation's
 * attributes, which agents and Studio read; for as long as a transcript may be asked for.
 */
import { keyedHash } from './keyed-hash';
import { withCollection } from './sync-collection';
import type { SyncService } from './sync-collection';
import { CHAT_COUNT_TTL_SECONDS } from './transcript-email-limit';
import { callTwilio, twilioStatus } from './twilio-call';

const VERIFIED = 'webchat-verified-emails';

export interface ChatAddress {
  apiSecret: string;
  conversationSid: string;
  address: string;
}

const itemKey = ({ apiSecret, conversationSid, address }: ChatAddress): string => `${conversationSid}-${keyedHash(apiSecret, 'email address', address)}`;

export async function isVerifiedEmail(sync: SyncService, chat: ChatAddress): Promise<boolean> {
  try {
    await callTwilio('fetch verified email', () => sync.syncMaps(VERIFIED).syncMapItems(itemKey(chat)).fetch());
    return true;
  } catch (error) {
    // No such item, or no map yet: nothing was proven.
    if (twilioStatus(error) === 404) return false;
    throw error;
  }
}

export async function recordVerifiedEmail(sync: SyncService, chat: ChatAddress): Promise<void> {
  try {
    await withCollection(
      () => sync.syncMaps(VERIFIED).syncMapItems.create({ key: itemKey(chat), data: {}, itemTtl: CHAT_COUNT_TTL_SECONDS }),
      () => sync.syncMaps.create({ uniqueName: VERIFIED }),
      'record verified email',
    );
  } catch (error) {
    // Proven before: as good.
    if (twilioStatus(error) !== 409) throw error;
  }
}
